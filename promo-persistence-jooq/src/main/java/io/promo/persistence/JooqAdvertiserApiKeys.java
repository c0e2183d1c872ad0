package io.promo.persistence;

import static io.promo.persistence.jooq.generated.Tables.PROMO_ADVERTISER_API_KEY;

import io.promo.domain.access.AdvertiserApiKeys;
import io.promo.domain.access.StoredApiKey;
import io.promo.domain.shared.AdvertiserId;
import io.promo.persistence.jooq.generated.tables.records.PromoAdvertiserApiKeyRecord;
import java.util.Optional;
import org.jooq.DSLContext;

/** {@link AdvertiserApiKeys} on {@code promo_advertiser_api_key} (V10): one row per advertiser, replaced by an upsert. */
public final class JooqAdvertiserApiKeys implements AdvertiserApiKeys {

    private final DSLContext db;

    public JooqAdvertiserApiKeys(DSLContext db) {
        this.db = db;
    }

    @Override
    public void replace(StoredApiKey key) {
        db.insertInto(PROMO_ADVERTISER_API_KEY)
                .set(PROMO_ADVERTISER_API_KEY.ADVERTISER_ID, key.advertiserId().value())
                .set(PROMO_ADVERTISER_API_KEY.KEY_ID, key.keyId())
                .set(PROMO_ADVERTISER_API_KEY.KEY_SHA256, key.sha256())
                .set(PROMO_ADVERTISER_API_KEY.ISSUED_AT, Timestamps.toColumn(key.issuedAt()))
                .onConflict(PROMO_ADVERTISER_API_KEY.ADVERTISER_ID)
                .doUpdate()
                .set(PROMO_ADVERTISER_API_KEY.KEY_ID, key.keyId())
                .set(PROMO_ADVERTISER_API_KEY.KEY_SHA256, key.sha256())
                .set(PROMO_ADVERTISER_API_KEY.ISSUED_AT, Timestamps.toColumn(key.issuedAt()))
                .execute();
    }

    @Override
    public Optional<StoredApiKey> findByKeyId(String keyId) {
        return db.selectFrom(PROMO_ADVERTISER_API_KEY)
                .where(PROMO_ADVERTISER_API_KEY.KEY_ID.eq(keyId))
                .fetchOptional()
                .map(JooqAdvertiserApiKeys::toDomain);
    }

    private static StoredApiKey toDomain(PromoAdvertiserApiKeyRecord row) {
        return new StoredApiKey(row.getKeyId(), new AdvertiserId(row.getAdvertiserId()), row.getKeySha256(),
                Timestamps.fromColumn(row.getIssuedAt()));
    }
}
