package io.promo.persistence;

import static io.promo.persistence.jooq.generated.Tables.PROMO_ADVERTISER;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.shared.AdvertiserId;
import io.promo.persistence.jooq.generated.tables.records.PromoAdvertiserRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** {@link AdvertiserRepository} on {@code promo_advertiser}. */
public final class JooqAdvertiserRepository implements AdvertiserRepository {

    private final DSLContext db;

    public JooqAdvertiserRepository(DSLContext db) {
        this.db = db;
    }

    @Override
    public Optional<Advertiser> insert(Advertiser advertiser) {
        // The unique index on user_id (V14, ADR 0019) decides races: a concurrent insert for the same user waits for
        // the first to commit, then does nothing, and the next statement reads the winner.
        int inserted = db.insertInto(PROMO_ADVERTISER).set(AdvertiserMapper.toRecord(advertiser))
                .onConflict(PROMO_ADVERTISER.USER_ID).doNothing()
                .execute();
        if (inserted == 1) {
            return Optional.empty();
        }
        return Optional.of(AdvertiserMapper.toDomain(db.selectFrom(PROMO_ADVERTISER)
                .where(PROMO_ADVERTISER.USER_ID.eq(advertiser.userId().value()))
                .fetchSingle()));
    }

    @Override
    public Optional<Advertiser> findById(AdvertiserId id) {
        return db.selectFrom(PROMO_ADVERTISER)
                .where(PROMO_ADVERTISER.ADVERTISER_ID.eq(id.value()))
                .fetchOptional()
                .map(AdvertiserMapper::toDomain);
    }

    @Override
    public List<Advertiser> findAll() {
        return db.selectFrom(PROMO_ADVERTISER)
                .orderBy(PROMO_ADVERTISER.CREATED_AT, PROMO_ADVERTISER.ADVERTISER_ID)
                .fetch(AdvertiserMapper::toDomain);
    }

    @Override
    public boolean updateIfUnchanged(Advertiser changed, Instant expectedVersion) {
        PromoAdvertiserRecord row = AdvertiserMapper.toRecord(changed);
        return db.update(PROMO_ADVERTISER)
                .set(PROMO_ADVERTISER.USER_ID, row.getUserId())
                .set(PROMO_ADVERTISER.DEFAULT_PAYMENT_ID, row.getDefaultPaymentId())
                .set(PROMO_ADVERTISER.STATUS, row.getStatus())
                .set(PROMO_ADVERTISER.UPDATED_AT, row.getUpdatedAt())
                .where(PROMO_ADVERTISER.ADVERTISER_ID.eq(row.getAdvertiserId()))
                .and(PROMO_ADVERTISER.UPDATED_AT.eq(Timestamps.toColumn(expectedVersion)))
                .execute() == 1;
    }
}
