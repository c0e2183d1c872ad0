/**
 * promo in a JVM service, without HTTP: the public, supported API of promo-embedded.
 *
 * <pre>{@code
 * try (Promo promo = Promo.builder()
 *         .dataSource(myDataSource)                     // or .jdbcUrl("jdbc:postgresql://db/promo")
 *         .clock(Clock.systemUTC())
 *         .settings(Map.of("PROMO_BUDGET_ZONE", "Europe/Berlin", "PROMO_HASH_SECRET", hashSecret))
 *         .schema(Promo.Schema.VERIFY)                  // or MIGRATE
 *         .start()) {
 *     AdPage page = promo.serving().decide(AdRequest.builder("people_search", "berlin")
 *             .query("portrait").anonymousViewer("fp_1").client("203.0.113.7", "Mozilla/5.0")
 *             .organicMatches(List.of("srv_anna", "srv_lena_photo")).build());
 * }
 * }</pre>
 *
 * <p>{@link io.promo.embedded.Promo} starts promo and hands out its use cases: the serving client
 * ({@link io.promo.embedded.SearchAds}, which decides a page exactly as {@code POST /v1/decisions} does) and the
 * domain's own use cases ({@code io.promo.domain..}: commands, outcomes and ports, documented there). Everything in
 * {@code io.promo.embedded.internal} is promo's wiring and may change in any release; an embedder never names it
 * (ADR 0026).
 */
package io.promo.embedded;
