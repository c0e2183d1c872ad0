package io.promo.embedded;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A decided page: the answer of {@code POST /v1/decisions}, as plain values. Its positions are the organic matches in
 * the search engine's order with the sponsored results placed among them, numbered from 1.
 *
 * @param role               the role tab, or null
 * @param queryHash          the keyed hash of the normalized query (never the query itself)
 * @param impressionsDropped sponsored impressions of this page that the full impression buffer could not take
 *                           (served, but not logged: count them in the embedder's metrics)
 */
public record AdPage(Instant servedAt, String surface, String role, String city, String queryHash,
        List<Result> results, int impressionsDropped) {

    /** @throws NullPointerException when a required component is missing */
    public AdPage {
        Objects.requireNonNull(servedAt, "servedAt");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(queryHash, "queryHash");
        results = List.copyOf(results);
    }

    /** The sponsored results, top first. */
    public List<Result> sponsored() {
        return results.stream().filter(Result::sponsored).toList();
    }

    /**
     * One position of the page. The sponsored-only components are null for an organic result.
     *
     * @param position     1-based
     * @param campaignId   the campaign the sponsored result is paid by
     * @param format       {@code featured} or {@code spotlight}
     * @param impressionId the impression's id, which its click refers to
     * @param cpcCents     the price of a click, fixed at serve time
     * @param clickToken   the signed token the search service sends back with the searcher's click
     */
    public record Result(int position, String entityId, boolean sponsored, String campaignId, String format,
            String impressionId, Long cpcCents, String clickToken) {

        /** @throws NullPointerException when the entity id is missing */
        public Result {
            Objects.requireNonNull(entityId, "entityId");
        }
    }
}
