package io.promo.domain.traffic;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One row of the seed's append-only {@code promo_event}: an impression, a click or an invalid click, as the seed
 * means its columns. Only keyed hashes of the client (I9): {@code ipHash}, {@code uaHash} and, for an anonymous
 * viewer, {@code anonFpHash} come from {@link ClientHasher}; {@code queryHash} is the token's query signature.
 *
 * @param userId     the signed-in viewer; empty for an anonymous one
 * @param anonFpHash the anonymous viewer's keyed fingerprint hash; empty for a signed-in one
 * @param extra      {@code extra_json}: flat, keys to strings or longs (an impression's position and cpc, a
 *                   click's billed cents, an invalid click's reason)
 */
public record TrafficEvent(
        EventId eventId,
        EventType type,
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
        Map<String, Object> extra) {

    /** A click whose token cannot be trusted names no real campaign or impression: it is logged under these. */
    public static final CampaignId UNATTRIBUTED_CAMPAIGN = new CampaignId("pcmp_unattributed");
    public static final EventId UNATTRIBUTED_IMPRESSION = new EventId("pevt_unattributed");
    public static final CityCode UNKNOWN_CITY = new CityCode("unknown");

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{0,64}");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public TrafficEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(impressionId, "impressionId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(anonFpHash, "anonFpHash");
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
        Map<String, Object> copy = new LinkedHashMap<>();
        extra.forEach((key, value) -> {
            if (!KEY.matcher(key).matches() || !(value instanceof String || value instanceof Long)) {
                throw new IllegalArgumentException("extra_json holds lower-case keys to strings or longs: " + key + "=" + value);
            }
            copy.put(key, value);
        });
        extra = Collections.unmodifiableMap(copy);
    }

    private static void requireHash(String name, String value) {
        if (value == null || !HASH.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " is a lower-case hex hash: " + value);
        }
    }

    /** This event as an {@code invalid_click} for {@code reason}, same id, same context. */
    public TrafficEvent asInvalid(InvalidClickReason reason) {
        return new TrafficEvent(eventId, EventType.INVALID_CLICK, campaignId, impressionId, role, city, queryHash, userId,
                anonFpHash, ipHash, uaHash, ts, Map.of(REASON, reason.code()));
    }

    public TrafficEvent withExtra(Map<String, Object> newExtra) {
        return new TrafficEvent(eventId, type, campaignId, impressionId, role, city, queryHash, userId, anonFpHash,
                ipHash, uaHash, ts, newExtra);
    }

    /** The viewer as the repeat rule compares viewers: the user id, else the keyed fingerprint hash. */
    public Optional<String> viewerKey() {
        return userId.map(UserId::value).or(() -> anonFpHash);
    }

    /** The {@code reason} of an invalid click or of a click that was not billed. */
    public Optional<String> reason() {
        return Optional.ofNullable((String) extra.get(REASON));
    }

    /** What a click was billed; 0 for anything else. */
    public long billedCents() {
        Object billed = extra.get(BILLED_CENTS);
        return billed == null ? 0 : (Long) billed;
    }

    /** {@code extra} as JSON text for the {@code extra_json} column. */
    public String extraJson() {
        StringBuilder json = new StringBuilder("{");
        extra.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(key).append("\":");
            if (value instanceof Long number) {
                json.append(number);
            } else {
                appendString(json, (String) value);
            }
        });
        return json.append('}').toString();
    }

    private static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** extra_json keys. */
    public static final String REASON = "reason";
    public static final String BILLED_CENTS = "billed_cents";
    public static final String POSITION = "position";
    public static final String CPC_CENTS = "cpc_cents";
    public static final String SURFACE = "surface";
    public static final String FORMAT = "format";
}
