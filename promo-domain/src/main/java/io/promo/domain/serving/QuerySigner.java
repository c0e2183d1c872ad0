package io.promo.domain.serving;

/**
 * Out port: the query signature (the seed's {@code query_hash}) a sponsored result's click token carries, so a
 * click is tied to its search without the query itself. The traffic package owns the signature (a keyed HMAC of
 * the normalized query, {@code io.promo.domain.traffic.QuerySignature}); the app wires it in, e.g.
 * {@code new QuerySignature(secret)::of}.
 */
@FunctionalInterface
public interface QuerySigner {

    /** The signature of a query already normalized as keywords are ({@code TextNormalizer}); called once per page. */
    String sign(String normalizedQuery);
}
