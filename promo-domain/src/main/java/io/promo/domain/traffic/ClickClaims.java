package io.promo.domain.traffic;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What a served sponsored result promises about a later click, carried inside its signed click token
 * so that the click can be validated and billed without a database lookup: which impression, which
 * campaign at which cpc, when, and in which search context.
 *
 * @param cpc            the price the click is billed (the clearing price)
 * @param bid            the campaign's maximum CPC when it was served, at least {@code cpc}
 * @param querySignature the keyed signature of the normalized query ({@link QuerySignature}), never the query
 */
public record ClickClaims(
        EventId impressionId,
        CampaignId campaignId,
        Money cpc,
        Money bid,
        Instant servedAt,
        Surface surface,
        CityCode city,
        Optional<RoleCode> role,
        String querySignature) {

    public ClickClaims {
        Objects.requireNonNull(impressionId, "impressionId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(cpc, "cpc");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(role, "role");
        // Tokens carry milliseconds; claims that round-trip must compare equal.
        servedAt = Objects.requireNonNull(servedAt, "servedAt").truncatedTo(ChronoUnit.MILLIS);
        if (!cpc.isPositive() || !cpc.fitsColumn()) {
            throw new IllegalArgumentException("a served cpc is positive and fits cpc_cents: " + cpc);
        }
        if (Objects.requireNonNull(bid, "bid").isLessThan(cpc) || !bid.fitsColumn()) {
            throw new IllegalArgumentException("a bid is at least the price and fits cpc_cents: " + bid);
        }
        if (querySignature == null || !LowerHex.matches(querySignature, 1, 64)) {
            throw new IllegalArgumentException("not a query signature: " + querySignature);
        }
    }

    /** Claims whose bid is their price: a first-price click, or a token signed before tokens carried the bid. */
    public ClickClaims(EventId impressionId, CampaignId campaignId, Money cpc, Instant servedAt, Surface surface,
            CityCode city, Optional<RoleCode> role, String querySignature) {
        this(impressionId, campaignId, cpc, cpc, servedAt, surface, city, role, querySignature);
    }
}
