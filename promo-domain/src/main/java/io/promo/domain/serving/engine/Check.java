package io.promo.domain.serving.engine;

/**
 * The checks a campaign passes on its way to a sponsored slot, in the order they are evaluated and
 * reported. The first failing one is the deciding reason a campaign was not shown.
 */
public enum Check {
    /** The search's city is one of the campaign's city targets. */
    CITY,
    /**
     * The campaign has no positive keyword targets, or one of them matches the normalized query by its match type
     * (broad: each of its words is a word of the query; phrase: its words occur in order; exact: it is the query).
     */
    KEYWORD,
    /** None of the campaign's negative keyword targets matches the query. */
    NEGATIVE_KEYWORD,
    /** The campaign is {@code active}. */
    STATUS,
    /**
     * Today (the budget day) lies within the campaign's start and end dates, and its ad schedule, if any, covers the
     * hour of the week now in the local time of the search's city (ADR 0036).
     */
    SCHEDULE,
    /** The campaign's advertiser is {@code active}. */
    ADVERTISER,
    /** The cpc reaches the floor resolved for (surface, role, city). */
    FLOOR,
    /** What is left of today's budget holds at least one cpc. */
    DAILY_BUDGET,
    /** What is left of the total budget, if any, holds at least one cpc. */
    TOTAL_BUDGET,
    /** The prepaid balance holds at least one cpc. */
    BALANCE,
    /** Even pacing allows another click now (accelerated campaigns always pass). */
    PACING,
    /**
     * The viewer has had fewer sponsored impressions of the campaign within its frequency cap's period than the cap
     * allows, as their viewer-memory token says (no token, or one that is not valid: none but this page's). The last
     * eligibility check: only a campaign that passes every other one may cost a token's verification.
     */
    FREQUENCY_CAP,
    /** The promoted entity is among the search engine's organic matches. */
    NOT_IN_ORGANIC,
    /**
     * The density and fold rules left the campaign a position: fails when the policy and the page leave no
     * sponsored position its format may take, or when the positions it could take went to lower-ranked results
     * that the rules placed first (a boosted campaign when featured ones above the fold used up
     * {@code max_density_top20}).
     */
    DENSITY,
    /** The campaign won a position: fails when better-ranked campaigns took every position it could take, or another campaign of its entity was placed. */
    OUTRANKED,
    /**
     * Competitive separation: the campaign's advertiser had fewer than the deployment's
     * {@code PROMO_MAX_SLOTS_PER_ADVERTISER} positions on the page when the placement came to it.
     */
    ADVERTISER_SLOTS;

    /** The checks {@link Eligibility} evaluates, before placement. */
    static final Check[] ELIGIBILITY = {CITY, KEYWORD, NEGATIVE_KEYWORD, STATUS, SCHEDULE, ADVERTISER, FLOOR, DAILY_BUDGET,
        TOTAL_BUDGET, BALANCE, PACING, FREQUENCY_CAP};
}
