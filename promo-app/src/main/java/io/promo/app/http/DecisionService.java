package io.promo.app.http;

import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.DecisionRequest;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code POST /v1/decisions} runs: decide the page and give each sponsored position its click token.
 * {@link SignedDecisions} does exactly that; a wrapper that also logs the impressions replaces it in one
 * line of the wiring ({@code io.promo.app.PromoApplication}).
 */
@FunctionalInterface
public interface DecisionService {

    ServedPage serve(DecisionRequest request);

    /**
     * @param clickTokens the signed click token of each sponsored position, by its impression id
     */
    record ServedPage(DecisionPage page, Map<String, String> clickTokens) {
        public ServedPage {
            Objects.requireNonNull(page, "page");
            clickTokens = Map.copyOf(clickTokens);
        }
    }
}
