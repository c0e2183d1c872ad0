package io.promo.persistence;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.UserId;
import io.promo.persistence.jooq.generated.tables.records.PromoAdvertiserRecord;
import java.util.Optional;

/** Converts at the module's edge: generated records never leave persistence. */
final class AdvertiserMapper {

    private AdvertiserMapper() {
    }

    static Advertiser toDomain(PromoAdvertiserRecord row) {
        return new Advertiser(
                new AdvertiserId(row.getAdvertiserId()),
                new UserId(row.getUserId()),
                Optional.ofNullable(row.getDefaultPaymentId()).map(PaymentReference::new),
                AdvertiserStatus.parse("status", row.getStatus()),
                Timestamps.fromColumn(row.getCreatedAt()),
                Timestamps.fromColumn(row.getUpdatedAt()));
    }

    static PromoAdvertiserRecord toRecord(Advertiser advertiser) {
        return new PromoAdvertiserRecord(
                advertiser.id().value(),
                advertiser.userId().value(),
                advertiser.defaultPayment().map(PaymentReference::value).orElse(null),
                advertiser.status().code(),
                Timestamps.toColumn(advertiser.createdAt()),
                Timestamps.toColumn(advertiser.updatedAt()));
    }
}
