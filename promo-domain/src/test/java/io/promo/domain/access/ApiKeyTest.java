package io.promo.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.InMemoryAdvertiserRepository;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Rejection;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    private final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    private final InMemoryAdvertiserApiKeys keys = new InMemoryAdvertiserApiKeys();
    private final IssueApiKey issue = new IssueApiKey(advertisers, keys, new SecureRandom(), new MutableClock(TestData.NOW));
    private final AuthenticateAdvertiser authenticate = new AuthenticateAdvertiser(keys);

    private Advertiser stored() {
        Advertiser advertiser = TestData.anAdvertiser();
        advertisers.insert(advertiser);
        return advertiser;
    }

    @Test
    void an_issued_key_authenticates_its_advertiser_and_only_its_hash_is_stored() {
        Advertiser lena = stored();

        ApiKey key = issue.issue(Actor.ADMIN, lena.id()).orElseThrow();

        assertThat(authenticate.authenticate(key.reveal())).contains(lena.id());
        StoredApiKey row = keys.findByKeyId(key.keyId()).orElseThrow();
        assertThat(row.sha256()).isEqualTo(ApiKey.sha256Hex(key.reveal())).doesNotContain(key.reveal().substring(21));
        assertThat(key.toString()).doesNotContain(key.reveal());
    }

    @Test
    void a_key_with_a_known_id_but_another_secret_is_refused() {
        ApiKey key = issue.issue(Actor.ADMIN, stored().id()).orElseThrow();
        String forged = key.reveal().substring(0, key.reveal().length() - 1)
                + (key.reveal().endsWith("A") ? "B" : "A");

        assertThat(authenticate.authenticate(forged)).isEmpty();
    }

    @Test
    void malformed_unknown_and_replaced_keys_are_refused() {
        Advertiser lena = stored();
        ApiKey first = issue.issue(Actor.ADMIN, lena.id()).orElseThrow();
        ApiKey second = issue.issue(Actor.ADMIN, lena.id()).orElseThrow();

        assertThat(authenticate.authenticate(first.reveal())).isEmpty();
        assertThat(authenticate.authenticate(second.reveal())).contains(lena.id());
        assertThat(authenticate.authenticate(ApiKey.generate(new SecureRandom()).reveal())).isEmpty();
        assertThat(authenticate.authenticate("")).isEmpty();
        assertThat(authenticate.authenticate(null)).isEmpty();
        assertThat(authenticate.authenticate("pak_short.secret")).isEmpty();
    }

    @Test
    void only_an_admin_issues_keys_and_only_for_an_advertiser_that_exists() {
        Advertiser lena = stored();

        assertThat(issue.issue(Actor.tenant(lena.id()), lena.id())).isEqualTo(
                io.promo.domain.shared.Outcome.rejected(Rejection.forbidden("only an admin can issue API keys")));
        assertThat(issue.issue(Actor.ADMIN, TestData.anAdvertiser().id()).isAccepted()).isFalse();
    }
}
