package io.promo.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.testing.TestData;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AdvertiserApiKeys} must do; run against the fake and the PostgreSQL adapter. */
public abstract class AdvertiserApiKeysContract {

    private static final SecureRandom RANDOM = new SecureRandom();

    protected abstract AdvertiserApiKeys keys();

    /** Stores an advertiser the keys can belong to (adapters with a foreign key need the row). */
    protected abstract Advertiser storedAdvertiser();

    /** Adapters with shared storage empty it here; a fake made per test has nothing to do. */
    protected void emptyStorage() {
    }

    @BeforeEach
    void start_from_empty_storage() {
        emptyStorage();
    }

    @Test
    void a_stored_key_is_found_by_its_id_with_every_field() {
        Advertiser advertiser = storedAdvertiser();
        StoredApiKey stored = StoredApiKey.of(ApiKey.generate(RANDOM), advertiser.id(), TestData.NOW);

        keys().replace(stored);

        assertThat(keys().findByKeyId(stored.keyId())).contains(stored);
        assertThat(keys().findByKeyId(ApiKey.generate(RANDOM).keyId())).isEmpty();
    }

    @Test
    void a_new_key_revokes_the_advertisers_earlier_one_and_leaves_others_alone() {
        Advertiser lena = storedAdvertiser();
        Advertiser marco = storedAdvertiser();
        StoredApiKey lenasFirst = StoredApiKey.of(ApiKey.generate(RANDOM), lena.id(), TestData.NOW);
        StoredApiKey marcos = StoredApiKey.of(ApiKey.generate(RANDOM), marco.id(), TestData.NOW);
        StoredApiKey lenasSecond = StoredApiKey.of(ApiKey.generate(RANDOM), lena.id(), TestData.NOW.plusSeconds(60));

        keys().replace(lenasFirst);
        keys().replace(marcos);
        keys().replace(lenasSecond);

        assertThat(keys().findByKeyId(lenasFirst.keyId())).isEmpty();
        assertThat(keys().findByKeyId(lenasSecond.keyId())).contains(lenasSecond);
        assertThat(keys().findByKeyId(marcos.keyId())).contains(marcos);
    }
}
