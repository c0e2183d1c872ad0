package io.promo.persistence;

import static io.promo.persistence.jooq.generated.Tables.PROMO_ADVERTISER;
import static io.promo.persistence.jooq.generated.Tables.PROMO_CAMPAIGN;
import static io.promo.persistence.jooq.generated.Tables.PROMO_CAMPAIGN_SCHEDULE;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignQuota;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.persistence.jooq.generated.tables.records.PromoCampaignRecord;
import io.promo.persistence.jooq.generated.tables.records.PromoCampaignScheduleRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * {@link CampaignRepository} on {@code promo_campaign}, with each campaign's ad schedule in
 * {@code promo_campaign_schedule} beside it (ADR 0036): written in the campaign's transaction, read with it in one
 * statement. Updates are compare-and-set on {@code updated_at} in one statement (ADR 0004), so no lock is held between
 * a read and a write.
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
        db.transaction(configuration -> insert(DSL.using(configuration), campaign));
    }

    private static void insert(DSLContext tx, Campaign campaign) {
        tx.insertInto(PROMO_CAMPAIGN).set(CampaignMapper.toRecord(campaign)).execute();
        PromoCampaignScheduleRecord schedule = CampaignMapper.scheduleRecord(campaign);
        if (schedule != null) {
            tx.insertInto(PROMO_CAMPAIGN_SCHEDULE).set(schedule).execute();
        }
    }

    /** The campaign's schedule row as {@code campaign} says: replaced, or removed when it has none. */
    private static void writeSchedule(DSLContext tx, Campaign campaign) {
        PromoCampaignScheduleRecord schedule = CampaignMapper.scheduleRecord(campaign);
        if (schedule == null) {
            tx.deleteFrom(PROMO_CAMPAIGN_SCHEDULE).where(PROMO_CAMPAIGN_SCHEDULE.CAMPAIGN_ID.eq(campaign.id().value()))
                    .execute();
            return;
        }
        tx.insertInto(PROMO_CAMPAIGN_SCHEDULE).set(schedule)
                .onConflict(PROMO_CAMPAIGN_SCHEDULE.CAMPAIGN_ID).doUpdate()
                .set(PROMO_CAMPAIGN_SCHEDULE.WINDOW_DAYS, schedule.getWindowDays())
                .set(PROMO_CAMPAIGN_SCHEDULE.FROM_HOURS, schedule.getFromHours())
                .set(PROMO_CAMPAIGN_SCHEDULE.TO_HOURS, schedule.getToHours())
                .execute();
    }

    /** Campaigns with their schedules, in one statement (a consistent snapshot of both tables). */
    private List<Campaign> select(Condition where, SortField<?>... order) {
        return db.select(PROMO_CAMPAIGN.asterisk(), PROMO_CAMPAIGN_SCHEDULE.asterisk())
                .from(PROMO_CAMPAIGN)
                .leftJoin(PROMO_CAMPAIGN_SCHEDULE).on(PROMO_CAMPAIGN_SCHEDULE.CAMPAIGN_ID.eq(PROMO_CAMPAIGN.CAMPAIGN_ID))
                .where(where)
                .orderBy(order)
                .fetch(JooqCampaignRepository::toDomain);
    }

    private static Campaign toDomain(Record row) {
        PromoCampaignScheduleRecord schedule = row.get(PROMO_CAMPAIGN_SCHEDULE.CAMPAIGN_ID) == null ? null
                : row.into(PROMO_CAMPAIGN_SCHEDULE);
        return CampaignMapper.toDomain(row.into(PROMO_CAMPAIGN), schedule);
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
            insert(tx, campaign);
            return true;
        });
    }

    @Override
    public Optional<Campaign> findById(CampaignId id) {
        return select(PROMO_CAMPAIGN.CAMPAIGN_ID.eq(id.value())).stream().findFirst();
    }

    @Override
    public List<Campaign> findByAdvertiser(AdvertiserId advertiserId) {
        return select(PROMO_CAMPAIGN.ADVERTISER_ID.eq(advertiserId.value()), PROMO_CAMPAIGN.CREATED_AT.asc(),
                PROMO_CAMPAIGN.CAMPAIGN_ID.asc());
    }

    @Override
    public List<Campaign> findAll() {
        return select(DSL.noCondition(), PROMO_CAMPAIGN.CREATED_AT.asc(), PROMO_CAMPAIGN.CAMPAIGN_ID.asc());
    }

    @Override
    public boolean updateIfUnchanged(Campaign changed, Instant expectedVersion) {
        PromoCampaignRecord row = CampaignMapper.toRecord(changed);
        return db.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            if (!updateRow(tx, row, expectedVersion)) {
                return false;
            }
            writeSchedule(tx, changed);
            return true;
        });
    }

    private static boolean updateRow(DSLContext tx, PromoCampaignRecord row, Instant expectedVersion) {
        // The identity columns (advertiser, target, surface, created_at) never change after authoring.
        return tx.update(PROMO_CAMPAIGN)
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
