package io.promo.domain.serving.share;

/**
 * Why a candidate of a search was not shown, counted for impression share (docs/design.md "Impression share"). A
 * candidate is a campaign of the search's surface and city whose entity the search engine matched and whose keywords,
 * if any, the query matches. It is counted under the first of these it lost to, in this order (ADR 0031).
 */
public enum LostReason {
    /** Its cpc is below the floor of the search's scope. */
    FLOOR,
    /** The campaign or its advertiser is not active, or today is outside its dates. */
    STATUS,
    /** Today's budget, the total budget or the balance does not hold one more click. */
    BUDGET,
    /** Even pacing holds it back for now. */
    PACING,
    /** Eligible, but the positions its format may take went to campaigns that rank above it. */
    RANK,
    /**
     * Eligible and not outranked, but the page's limits left it no position: no sponsored position its format may
     * take on this page (density, above the fold), or another campaign of its entity took the entity's place.
     */
    PAGE_CAPS
}
