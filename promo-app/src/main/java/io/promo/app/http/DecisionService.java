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

    /**
     * @param client the searcher's ip address and user agent, as the search service sent them: for the
     *               impression log's keyed hashes (I9); deciding does not use them. Never log or store them raw.
     */
    ServedPage serve(DecisionRequest request, Client client);

    /** The searcher's client, checked for size only. */
    record Client(String ip, String userAgent) {
        public Client {
            Objects.requireNonNull(ip, "ip");
            Objects.requireNonNull(userAgent, "userAgent");
        }

        /** Never the values: they identify a person (I9). */
        @Override
        public String toString() {
            return "Client[hidden]";
        }
    }

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
