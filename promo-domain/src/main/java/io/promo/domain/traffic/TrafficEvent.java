package io.promo.domain.traffic;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the seed's append-only {@code promo_event}: an impression, a click or an invalid click, as the seed
 * means its columns. Only keyed hashes of the client (I9): {@code ipHash}, {@code uaHash} and, for an anonymous
 * viewer, {@code anonFpHash} come from {@link ClientHasher}; {@code queryHash} is the token's query signature.
 *
 * @param userId     the signed-in viewer; empty for an anonymous one
 * @param anonFpHash the anonymous viewer's keyed fingerprint hash; empty for a signed-in one
 * @param detail     what the event says beyond its columns (its type follows from it); stored as {@code extra_json}
 */
public record TrafficEvent(
        EventId eventId,
        CampaignId campaignId,
        EventId impressionId,
        Optional<RoleCode> role,
        CityCode city,
        String queryHash,
        Optional<UserId> userId,
        Optional<String> anonFpHash,
        String ipHash,
        String uaHash,
        Instant ts,
        EventDetail detail) {

    /** A click whose token cannot be trusted names no real campaign or impression: it is logged under these. */
    public static final CampaignId UNATTRIBUTED_CAMPAIGN = new CampaignId("pcmp_unattributed");
    public static final EventId UNATTRIBUTED_IMPRESSION = new EventId("pevt_unattributed");
    public static final CityCode UNKNOWN_CITY = new CityCode("unknown");

    public TrafficEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(impressionId, "impressionId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(anonFpHash, "anonFpHash");
        Objects.requireNonNull(detail, "detail");
        // The column keeps microseconds; an event read back must equal the one written.
        ts = Objects.requireNonNull(ts, "ts").truncatedTo(ChronoUnit.MICROS);
        // Only hashes may reach the log: anything else in these columns is a bug (I9).
        requireHash("queryHash", queryHash);
        requireHash("ipHash", ipHash);
        requireHash("uaHash", uaHash);
        anonFpHash.ifPresent(hash -> requireHash("anonFpHash", hash));
        if (userId.isPresent() && anonFpHash.isPresent()) {
            throw new IllegalArgumentException("a viewer is a user or anonymous, not both");
        }
    }

    private static void requireHash(String name, String value) {
        if (value == null || !LowerHex.matches(value, 0, 64)) {
            throw new IllegalArgumentException(name + " is a lower-case hex hash: " + value);
        }
    }

    /** The seed's {@code type}: what {@link #detail} says this event is. */
    public EventType type() {
        return detail.type();
    }

    /** This event as an {@code invalid_click} for {@code reason}, same id, same context. */
    public TrafficEvent asInvalid(InvalidClickReason reason) {
        return withDetail(new EventDetail.Invalid(reason));
    }

    /** This click as classified: billed, billed 0 or invalid; same id, same context. */
    public TrafficEvent withDetail(EventDetail newDetail) {
        return new TrafficEvent(eventId, campaignId, impressionId, role, city, queryHash, userId, anonFpHash, ipHash,
                uaHash, ts, newDetail);
    }

    /** The viewer as the repeat rule compares viewers: the user id, else the keyed fingerprint hash. */
    public Optional<String> viewerKey() {
        return userId.map(UserId::value).or(() -> anonFpHash);
    }

    /** What a click was billed; 0 for anything else. */
    public long billedCents() {
        return detail.billed().cents();
    }
}
