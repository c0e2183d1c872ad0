package io.promo.domain.serving;

import io.promo.domain.campaign.Format;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import java.util.Objects;

/** One result of a decided page: an organic match in the search engine's order, or a sponsored one. */
public sealed interface PagePosition permits PagePosition.Organic, PagePosition.Sponsored {

    /** 1-based. */
    int position();

    String entityId();

    default boolean sponsored() {
        return this instanceof Sponsored;
    }

    record Organic(int position, String entityId) implements PagePosition {
        public Organic {
            Objects.requireNonNull(entityId, "entityId");
        }
    }

    /**
     * A promoted entity (it appears nowhere else on the page).
     *
     * @param impressionId the id the traffic package logs the impression under and the click refers to
     * @param cpc          the campaign's cpc: its bid, the most a click may cost
     * @param clickToken   carries the {@link #price()} a click pays
     */
    record Sponsored(int position, String entityId, CampaignId campaignId, Format format, EventId impressionId,
            Money cpc, ClickTokenHook clickToken) implements PagePosition {
        public Sponsored {
            Objects.requireNonNull(entityId, "entityId");
            Objects.requireNonNull(campaignId, "campaignId");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(impressionId, "impressionId");
            Objects.requireNonNull(cpc, "cpc");
            Objects.requireNonNull(clickToken, "clickToken");
        }

        /** What a click on this result pays: the clearing price, at most {@link #cpc()}. */
        public Money price() {
            return clickToken.cpc();
        }
    }
}
