package io.promo.domain.serving;

import io.promo.domain.campaign.Format;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the click token of a sponsored result must carry (docs/design.md "Click"), so that a click is validated
 * and billed without a lookup: the traffic package (ClickTokenSigner) signs this payload (HMAC) and verifies it back.
 *
 * @param cpc            the price at serve time, the clearing price (at most the campaign's cpc then): the click is
 *                       billed this, whatever the campaign's cpc is by then (I4)
 * @param bid            the campaign's cpc (its maximum CPC) at serve time, at least {@code cpc}: reports show what
 *                       the clearing price saved against it
 * @param querySignature the {@link QuerySigner}'s signature of the normalized query
 */
public record ClickTokenHook(
        EventId impressionId,
        CampaignId campaignId,
        Format format,
        Money cpc,
        Money bid,
        Instant servedAt,
        Surface surface,
        CityCode city,
        Optional<RoleCode> role,
        String querySignature) {

    public ClickTokenHook {
        Objects.requireNonNull(impressionId, "impressionId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(cpc, "cpc");
        Objects.requireNonNull(bid, "bid");
        Objects.requireNonNull(servedAt, "servedAt");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(querySignature, "querySignature");
        if (!cpc.isPositive()) {
            throw new IllegalArgumentException("a served cpc is positive: " + cpc);
        }
        if (bid.isLessThan(cpc)) {
            throw new IllegalArgumentException("a price is at most the bid: " + cpc + " > " + bid);
        }
    }
}
