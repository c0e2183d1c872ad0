package io.promo.embedded;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A decided page: the answer of {@code POST /v1/decisions}, as plain values. Its positions are the organic matches in
 * the search engine's order with the sponsored results placed among them, numbered from 1.
 *
 * @param servedAt           when it was decided, by promo's clock
 * @param surface            {@code people_search} or {@code studio_search}
 * @param role               the role tab, or null
 * @param city               the city code
 * @param queryHash          the keyed hash of the normalized query (never the query itself)
 * @param results            every position of the page, top first
 * @param impressionsDropped sponsored impressions of this page that the full impression buffer could not take
 *                           (served, but not logged: count them in the embedder's metrics)
 * @param memoryToken        the viewer-memory token to send with this searcher's next search
 *                           ({@link AdRequest#memoryToken()}), or null when there is none: keep it per searcher
 */
public record AdPage(Instant servedAt, String surface, String role, String city, String queryHash,
        List<Result> results, int impressionsDropped, String memoryToken) {

    /**
     * A page without a viewer-memory token.
     *
     * @param servedAt           when it was decided
     * @param surface            the surface searched
     * @param role               the role tab, or null
     * @param city               the city code
     * @param queryHash          the keyed hash of the normalized query
     * @param results            every position, top first
     * @param impressionsDropped sponsored impressions the full buffer could not take
     */
    public AdPage(Instant servedAt, String surface, String role, String city, String queryHash, List<Result> results,
            int impressionsDropped) {
        this(servedAt, surface, role, city, queryHash, results, impressionsDropped, null);
    }

    /**
     * A page as {@link SearchAds#decide(AdRequest)} answers it.
     *
     * @param servedAt           when it was decided
     * @param surface            the surface searched
     * @param role               the role tab, or null
     * @param city               the city code
     * @param queryHash          the keyed hash of the normalized query
     * @param results            every position, top first
     * @param impressionsDropped sponsored impressions the full buffer could not take
     * @param memoryToken        the viewer-memory token for the searcher's next search, or null
     * @throws NullPointerException when a required component is missing
     */
    public AdPage {
        Objects.requireNonNull(servedAt, "servedAt");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(queryHash, "queryHash");
        results = List.copyOf(results);
    }

    /** @return the sponsored results, top first */
    public List<Result> sponsored() {
        return results.stream().filter(Result::sponsored).toList();
    }

    /**
     * One position of the page. The sponsored-only components are null for an organic result.
     *
     * @param position     1-based
     * @param entityId     the entity shown: an organic match, or the promoted one
     * @param sponsored    whether a campaign pays for this position
     * @param campaignId   the campaign the sponsored result is paid by
     * @param format       {@code featured} or {@code spotlight}
     * @param impressionId the impression's id, which its click refers to
     * @param cpcCents     the campaign's bid, the most a click may cost
     * @param clickToken   the signed token the search service sends back with the searcher's click
     * @param priceCents   what a click pays, fixed at serve time: the clearing price (at most {@code cpcCents})
     */
    public record Result(int position, String entityId, boolean sponsored, String campaignId, String format,
            String impressionId, Long cpcCents, String clickToken, Long priceCents) {

        /**
         * One position of a page.
         *
         * @param position     1-based
         * @param entityId     the entity shown
         * @param sponsored    whether a campaign pays for it
         * @param campaignId   the paying campaign, or null
         * @param format       the sponsored format, or null
         * @param impressionId the impression's id, or null
         * @param cpcCents     the bid, or null
         * @param clickToken   the signed click token, or null
         * @param priceCents   the price of a click, or null
         * @throws NullPointerException when the entity id is missing
         */
        public Result {
            Objects.requireNonNull(entityId, "entityId");
        }
    }
}
