package io.promo.app.http;

import io.promo.embedded.internal.Secret;
import io.promo.domain.access.ApiKey;
import io.promo.domain.access.AuthenticateAdvertiser;
import java.util.Optional;

/**
 * Reads {@code Authorization: Bearer <key>} into a {@link Caller}. The admin and service keys are compared by
 * their SHA-256 in constant time, advertiser keys through {@link AuthenticateAdvertiser}; a key is never
 * logged, and the answer never says which part of a key was wrong.
 */
public final class Authenticator {

    private static final String BEARER = "Bearer ";

    private final String adminKeyHash;
    private final String serviceKeyHash;
    private final AuthenticateAdvertiser advertisers;

    public Authenticator(Secret adminKey, Secret serviceKey, AuthenticateAdvertiser advertisers) {
        this.adminKeyHash = ApiKey.sha256Hex(adminKey.value());
        this.serviceKeyHash = ApiKey.sha256Hex(serviceKey.value());
        this.advertisers = advertisers;
    }

    /** The caller the header names, or empty when it names none (missing, malformed or unknown key). */
    Optional<Caller> identify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String key = authorization.substring(BEARER.length()).trim();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        if (ApiKey.looksLikeOne(key)) {
            return advertisers.authenticate(key).map(Caller.Advertiser::new);
        }
        String hash = ApiKey.sha256Hex(key);
        boolean admin = ApiKey.sameHash(hash, adminKeyHash);
        boolean service = ApiKey.sameHash(hash, serviceKeyHash);
        if (admin) {
            return Optional.of(new Caller.Admin());
        }
        return service ? Optional.of(new Caller.SearchService()) : Optional.empty();
    }

    /** The caller if {@code access} admits it; otherwise the 401 or 403 problem. */
    Caller require(Access access, String authorization) {
        if (!access.needsKey()) {
            return new Caller.Anonymous();
        }
        Optional<Caller> caller = identify(authorization);
        if (caller.isEmpty()) {
            throw ApiProblem.unauthorized(authorization == null
                    ? "send an API key as 'Authorization: Bearer <key>'"
                    : "the API key is not valid (unknown, replaced or malformed)");
        }
        if (!access.admits(caller.get())) {
            throw ApiProblem.forbidden(switch (access) {
                case ADMIN -> "only the admin key may call this route";
                case ADVERTISER -> "only an advertiser's key or the admin key may call this route";
                case SEARCH_SERVICE -> "only the search service's key may call this route";
                default -> "this key may not call this route";
            });
        }
        return caller.get();
    }
}
