package io.promo.domain.traffic;

import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.shared.EventId;
import java.util.Map;
import java.util.Objects;

/**
 * The decided page and the signed click token of each sponsored position, by impression id.
 *
 * @param impressionsDropped sponsored impressions of this page the full buffer could not take (not logged)
 */
public record ServedPage(DecisionPage page, Map<EventId, String> clickTokens, int impressionsDropped) {

    public ServedPage {
        Objects.requireNonNull(page, "page");
        clickTokens = Map.copyOf(clickTokens);
    }

    public String clickToken(PagePosition.Sponsored position) {
        return clickTokens.get(position.impressionId());
    }
}
