package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.embedded.internal.Secret;
import io.promo.domain.access.ApiKey;
import io.promo.domain.access.AuthenticateAdvertiser;
import io.promo.domain.access.AdvertiserApiKeys;
import io.promo.domain.access.StoredApiKey;
import io.promo.domain.shared.AdvertiserId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private static final String ADMIN = "admin-key-0123456789abcdefghijklmnopqrstuv";
    private static final String SERVICE = "service-key-0123456789abcdefghijklmnopqrst";

    /**
     * Keys by key id. (The domain's fake lives in its test jar, which this module's ArchUnit import would
     * take for production code.)
     */
    private final Map<String, StoredApiKey> stored = new HashMap<>();
    private final AdvertiserApiKeys keys = new AdvertiserApiKeys() {
        @Override
        public void replace(StoredApiKey key) {
            stored.put(key.keyId(), key);
        }

        @Override
        public Optional<StoredApiKey> findByKeyId(String keyId) {
            return Optional.ofNullable(stored.get(keyId));
        }
    };
    private final Authenticator authenticator = new Authenticator(new Secret(ADMIN, false), new Secret(SERVICE, false),
            new AuthenticateAdvertiser(keys));

    @Test
    void each_kind_of_key_names_its_caller() {
        AdvertiserId lena = new AdvertiserId("padv_lena");
        ApiKey key = ApiKey.generate(new SecureRandom());
        keys.replace(StoredApiKey.of(key, lena, Instant.parse("2026-11-28T10:00:00Z")));

        assertThat(authenticator.identify("Bearer " + ADMIN)).containsInstanceOf(Caller.Admin.class);
        assertThat(authenticator.identify("bearer  " + SERVICE + " ")).containsInstanceOf(Caller.SearchService.class);
        assertThat(authenticator.identify("Bearer " + key.reveal())).contains(new Caller.Advertiser(lena));
    }

    @Test
    void missing_malformed_and_unknown_keys_name_nobody() {
        assertThat(authenticator.identify(null)).isEmpty();
        assertThat(authenticator.identify("")).isEmpty();
        assertThat(authenticator.identify("Bearer ")).isEmpty();
        assertThat(authenticator.identify("Basic " + ADMIN)).isEmpty();
        assertThat(authenticator.identify(ADMIN)).isEmpty();
        assertThat(authenticator.identify("Bearer " + ADMIN + "x")).isEmpty();
        assertThat(authenticator.identify("Bearer " + ApiKey.generate(new SecureRandom()).reveal())).isEmpty();
    }

    @Test
    void a_route_refuses_a_missing_key_with_401_and_a_key_not_for_it_with_403() {
        assertThatThrownBy(() -> authenticator.require(Access.ADMIN, null))
                .isInstanceOfSatisfying(ApiProblem.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(401);
                    assertThat(e.headers()).containsEntry("WWW-Authenticate", "Bearer");
                });
        assertThatThrownBy(() -> authenticator.require(Access.ADMIN, "Bearer " + SERVICE))
                .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.problem().status()).isEqualTo(403));
        assertThatThrownBy(() -> authenticator.require(Access.SEARCH_SERVICE, "Bearer " + ADMIN))
                .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.problem().status()).isEqualTo(403));
        assertThat(authenticator.require(Access.ADVERTISER, "Bearer " + ADMIN)).isInstanceOf(Caller.Admin.class);
        assertThat(authenticator.require(Access.PUBLIC, null)).isInstanceOf(Caller.Anonymous.class);
    }
}
