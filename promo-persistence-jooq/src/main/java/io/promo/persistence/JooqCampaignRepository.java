package io.promo.persistence;

import static io.promo.persistence.jooq.generated.Tables.PROMO_ADVERTISER;
import static io.promo.persistence.jooq.generated.Tables.PROMO_CAMPAIGN;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignQuota;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.persistence.jooq.generated.tables.records.PromoCampaignRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * {@link CampaignRepository} on {@code promo_campaign}. Updates are compare-and-set on
 * {@code updated_at} in one statement (ADR 0004), so no lock is held between a read and a write.
 */
public final class JooqCampaignRepository implements CampaignRepository {

    /** The statuses {@link CampaignQuota#counts} counts, so that the rule lives in the domain only. */
    private static final List<String> COUNTED_STATUSES = Arrays.stream(CampaignStatus.values())
            .filter(CampaignQuota::counts).map(CampaignStatus::code).toList();

    private final DSLContext db;

    public JooqCampaignRepository(DSLContext db) {
        this.db = db;
    }

    @Override
    public void insert(Campaign campaign) {
        db.insertInto(PROMO_CAMPAIGN).set(CampaignMapper.toRecord(campaign)).execute();
    }

    /**
     * One transaction: the advertiser's row locked ({@code for no key update}: concurrent creates of one advertiser
     * queue, while its campaigns' foreign keys and other advertisers go on), its campaigns counted, then the insert.
     */
    @Override
    public boolean insertWithinQuota(Campaign campaign, CampaignQuota quota) {
        return db.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            String advertiser = campaign.advertiserId().value();
            tx.select(PROMO_ADVERTISER.ADVERTISER_ID).from(PROMO_ADVERTISER)
                    .where(PROMO_ADVERTISER.ADVERTISER_ID.eq(advertiser))
                    .forNoKeyUpdate()
                    .fetch();
            int counted = tx.fetchCount(PROMO_CAMPAIGN, PROMO_CAMPAIGN.ADVERTISER_ID.eq(advertiser)
                    .and(PROMO_CAMPAIGN.STATUS.in(COUNTED_STATUSES)));
            if (!quota.allowsAnother(counted)) {
                return false;
            }
            tx.insertInto(PROMO_CAMPAIGN).set(CampaignMapper.toRecord(campaign)).execute();
            return true;
        });
    }

    @Override
    public Optional<Campaign> findById(CampaignId id) {
        return db.selectFrom(PROMO_CAMPAIGN)
                .where(PROMO_CAMPAIGN.CAMPAIGN_ID.eq(id.value()))
                .fetchOptional()
                .map(CampaignMapper::toDomain);
    }

    @Override
    public List<Campaign> findByAdvertiser(AdvertiserId advertiserId) {
        return db.selectFrom(PROMO_CAMPAIGN)
                .where(PROMO_CAMPAIGN.ADVERTISER_ID.eq(advertiserId.value()))
                .orderBy(PROMO_CAMPAIGN.CREATED_AT, PROMO_CAMPAIGN.CAMPAIGN_ID)
                .fetch(CampaignMapper::toDomain);
    }

    @Override
    public List<Campaign> findAll() {
        return db.selectFrom(PROMO_CAMPAIGN)
                .orderBy(PROMO_CAMPAIGN.CREATED_AT, PROMO_CAMPAIGN.CAMPAIGN_ID)
                .fetch(CampaignMapper::toDomain);
    }

    @Override
    public boolean updateIfUnchanged(Campaign changed, Instant expectedVersion) {
        PromoCampaignRecord row = CampaignMapper.toRecord(changed);
        // The identity columns (advertiser, target, surface, created_at) never change after authoring.
        return db.update(PROMO_CAMPAIGN)
                .set(PROMO_CAMPAIGN.NAME, row.getName())
                .set(PROMO_CAMPAIGN.FORMAT, row.getFormat())
                .set(PROMO_CAMPAIGN.CITY_TARGETS, row.getCityTargets())
                .set(PROMO_CAMPAIGN.KEYWORD_TARGETS, row.getKeywordTargets())
                .set(PROMO_CAMPAIGN.STATUS, row.getStatus())
                .set(PROMO_CAMPAIGN.START_DATE, row.getStartDate())
                .set(PROMO_CAMPAIGN.END_DATE, row.getEndDate())
                .set(PROMO_CAMPAIGN.CPC_CENTS, row.getCpcCents())
                .set(PROMO_CAMPAIGN.DAILY_BUDGET_CENTS, row.getDailyBudgetCents())
                .set(PROMO_CAMPAIGN.TOTAL_BUDGET_CENTS, row.getTotalBudgetCents())
                .set(PROMO_CAMPAIGN.PACING_MODE, row.getPacingMode())
                .set(PROMO_CAMPAIGN.UPDATED_AT, row.getUpdatedAt())
                .where(PROMO_CAMPAIGN.CAMPAIGN_ID.eq(row.getCampaignId()))
                .and(PROMO_CAMPAIGN.UPDATED_AT.eq(Timestamps.toColumn(expectedVersion)))
                .execute() == 1;
    }
}
