package io.promo.persistence;

import static io.promo.persistence.jooq.generated.Tables.PROMO_ADVERTISER;
import static io.promo.persistence.jooq.generated.Tables.PROMO_CAMPAIGN;
import static io.promo.persistence.jooq.generated.Tables.PROMO_CAMPAIGN_FREQUENCY_CAP;
import static io.promo.persistence.jooq.generated.Tables.PROMO_CAMPAIGN_SCHEDULE;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignQuota;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.campaign.FrequencyCap;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.persistence.jooq.generated.tables.records.PromoCampaignFrequencyCapRecord;
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
 * {@link CampaignRepository} on {@code promo_campaign}, with a campaign's settings that the seed's row has no column
 * for in side tables keyed by its id: its ad schedule in {@code promo_campaign_schedule} (V25, ADR 0036), its own
 * frequency cap in {@code promo_campaign_frequency_cap} (V27, ADR 0034). They are written in the campaign's
 * transaction and read with it in one statement ({@link #select}). Updates are compare-and-set on
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
        db.transaction(configuration -> insert(DSL.using(configuration), campaign));
    }

    private static void insert(DSLContext tx, Campaign campaign) {
        tx.insertInto(PROMO_CAMPAIGN).set(CampaignMapper.toRecord(campaign)).execute();
        PromoCampaignScheduleRecord schedule = CampaignMapper.scheduleRecord(campaign);
        if (schedule != null) {
            tx.insertInto(PROMO_CAMPAIGN_SCHEDULE).set(schedule).execute();
        }
        writeFrequencyCap(tx, campaign);
    }

    /** The campaign's schedule row as {@code campaign} says: replaced, or removed when it has none. */
    private static void writeSchedule(DSLContext tx, Campaign campaign) {
        SideRows.write(tx, PROMO_CAMPAIGN_SCHEDULE.CAMPAIGN_ID, campaign.id().value(),
                Optional.ofNullable(CampaignMapper.scheduleRecord(campaign)));
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
        return select(db, PROMO_CAMPAIGN.CAMPAIGN_ID.eq(id.value())).stream().findFirst();
    }

    @Override
    public List<Campaign> findByAdvertiser(AdvertiserId advertiserId) {
        return select(db, PROMO_CAMPAIGN.ADVERTISER_ID.eq(advertiserId.value()), PROMO_CAMPAIGN.CREATED_AT.asc(),
                PROMO_CAMPAIGN.CAMPAIGN_ID.asc());
    }

    @Override
    public List<Campaign> findAll() {
        return select(db, DSL.noCondition(), PROMO_CAMPAIGN.CREATED_AT.asc(), PROMO_CAMPAIGN.CAMPAIGN_ID.asc());
    }

    /**
     * The campaigns {@code where} selects, each with what its side tables hold (its schedule, its own frequency cap),
     * in one statement, so that a campaign and its settings come from one snapshot. The one way campaigns are read:
     * the repository's queries and the serving index's change reads ({@link JdbcServingChanges}) both use it.
     */
    static List<Campaign> select(DSLContext db, Condition where, SortField<?>... order) {
        return db.select(PROMO_CAMPAIGN.asterisk(), PROMO_CAMPAIGN_SCHEDULE.asterisk(),
                        PROMO_CAMPAIGN_FREQUENCY_CAP.IMPRESSIONS, PROMO_CAMPAIGN_FREQUENCY_CAP.PERIOD_HOURS)
                .from(PROMO_CAMPAIGN)
                .leftJoin(PROMO_CAMPAIGN_SCHEDULE).on(PROMO_CAMPAIGN_SCHEDULE.CAMPAIGN_ID.eq(PROMO_CAMPAIGN.CAMPAIGN_ID))
                .leftJoin(PROMO_CAMPAIGN_FREQUENCY_CAP)
                .on(PROMO_CAMPAIGN_FREQUENCY_CAP.CAMPAIGN_ID.eq(PROMO_CAMPAIGN.CAMPAIGN_ID))
                .where(where)
                .orderBy(order)
                .fetch(JooqCampaignRepository::toDomain);
    }

    private static Campaign toDomain(Record row) {
        PromoCampaignScheduleRecord schedule = row.get(PROMO_CAMPAIGN_SCHEDULE.CAMPAIGN_ID) == null ? null
                : row.into(PROMO_CAMPAIGN_SCHEDULE);
        Integer impressions = row.get(PROMO_CAMPAIGN_FREQUENCY_CAP.IMPRESSIONS);
        Optional<FrequencyCap> cap = impressions == null ? Optional.empty()
                : Optional.of(new FrequencyCap(impressions, row.get(PROMO_CAMPAIGN_FREQUENCY_CAP.PERIOD_HOURS)));
        return CampaignMapper.toDomain(row.into(PROMO_CAMPAIGN), schedule, cap);
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
            writeFrequencyCap(tx, changed);
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

    /** The campaign's own cap as its side-table row: present, or absent (the deployment's default applies). */
    private static void writeFrequencyCap(DSLContext tx, Campaign campaign) {
        String id = campaign.id().value();
        SideRows.write(tx, PROMO_CAMPAIGN_FREQUENCY_CAP.CAMPAIGN_ID, id, campaign.settings().frequencyCap()
                .map(cap -> new PromoCampaignFrequencyCapRecord(id, cap.impressions(), cap.periodHours())));
    }
}
