package io.promo.persistence;

import io.promo.domain.campaign.AdSchedule;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.FrequencyCap;
import io.promo.domain.campaign.Keywords;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.TargetEntityType;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.persistence.jooq.generated.tables.records.PromoCampaignRecord;
import io.promo.persistence.jooq.generated.tables.records.PromoCampaignScheduleRecord;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Converts at the module's edge: generated records never leave persistence. */
final class CampaignMapper {

    private CampaignMapper() {
    }

    /**
     * @param schedule     its row of promo_campaign_schedule, or null: no schedule
     * @param frequencyCap its row of promo_campaign_frequency_cap as a cap, or empty: the deployment's default applies
     */
    static Campaign toDomain(PromoCampaignRecord row, PromoCampaignScheduleRecord schedule,
            Optional<FrequencyCap> frequencyCap) {
        CampaignSettings settings = new CampaignSettings(
                row.getName(),
                Format.parse("format", row.getFormat()),
                Arrays.stream(row.getCityTargets()).map(CityCode::new).toList(),
                // keyword_targets is nullable in the seed; null and '{}' both mean "no keyword targeting".
                row.getKeywordTargets() == null ? List.of() : Keywords.fromStorage(Arrays.asList(row.getKeywordTargets())),
                row.getStartDate(),
                Optional.ofNullable(row.getEndDate()),
                Money.ofCents(row.getCpcCents()),
                Money.ofCents(row.getDailyBudgetCents()),
                Optional.ofNullable(row.getTotalBudgetCents()).map(Money::ofCents),
                PacingMode.parse("pacing_mode", row.getPacingMode()),
                schedule == null ? AdSchedule.ALWAYS : scheduleOf(schedule),
                frequencyCap);
        return new Campaign(
                new CampaignId(row.getCampaignId()),
                new AdvertiserId(row.getAdvertiserId()),
                Surface.parse("surface", row.getSurface()),
                new TargetEntity(TargetEntityType.parse("target_entity_type", row.getTargetEntityType()),
                        row.getTargetEntityId()),
                settings,
                CampaignStatus.parse("status", row.getStatus()),
                Timestamps.fromColumn(row.getCreatedAt()),
                Timestamps.fromColumn(row.getUpdatedAt()));
    }

    private static AdSchedule scheduleOf(PromoCampaignScheduleRecord row) {
        List<AdSchedule.Window> windows = new ArrayList<>();
        for (int i = 0; i < row.getWindowDays().length; i++) {
            EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (DayOfWeek day : DayOfWeek.values()) {
                if ((row.getWindowDays()[i] & (1 << (day.getValue() - 1))) != 0) {
                    days.add(day);
                }
            }
            windows.add(AdSchedule.Window.of(days, row.getFromHours()[i], row.getToHours()[i]));
        }
        return new AdSchedule(windows);
    }

    /** The campaign's row of promo_campaign_schedule, or null when it has no schedule. */
    static PromoCampaignScheduleRecord scheduleRecord(Campaign campaign) {
        AdSchedule schedule = campaign.settings().schedule();
        if (schedule.isAlways()) {
            return null;
        }
        List<AdSchedule.Window> windows = schedule.windows();
        Short[] days = new Short[windows.size()];
        Short[] from = new Short[windows.size()];
        Short[] to = new Short[windows.size()];
        for (int i = 0; i < windows.size(); i++) {
            AdSchedule.Window window = windows.get(i);
            int bits = 0;
            for (DayOfWeek day : window.days()) {
                bits |= 1 << (day.getValue() - 1);
            }
            days[i] = (short) bits;
            from[i] = (short) window.fromHour();
            to[i] = (short) window.toHour();
        }
        PromoCampaignScheduleRecord row = new PromoCampaignScheduleRecord();
        row.setCampaignId(campaign.id().value());
        row.setWindowDays(days);
        row.setFromHours(from);
        row.setToHours(to);
        return row;
    }

    static PromoCampaignRecord toRecord(Campaign campaign) {
        CampaignSettings settings = campaign.settings();
        PromoCampaignRecord row = new PromoCampaignRecord();
        row.setCampaignId(campaign.id().value());
        row.setAdvertiserId(campaign.advertiserId().value());
        row.setTargetEntityType(campaign.target().type().code());
        row.setTargetEntityId(campaign.target().id());
        row.setName(settings.name());
        row.setSurface(campaign.surface().code());
        row.setFormat(settings.format().code());
        row.setCityTargets(settings.cityTargets().stream().map(CityCode::value).toArray(String[]::new));
        row.setKeywordTargets(settings.keywordTargets().toArray(String[]::new));
        row.setStatus(campaign.status().code());
        row.setStartDate(settings.startDate());
        row.setEndDate(settings.endDate().orElse(null));
        row.setCpcCents(Cents.toColumn(settings.cpc()));
        row.setDailyBudgetCents(Cents.toColumn(settings.dailyBudget()));
        row.setTotalBudgetCents(settings.totalBudget().map(Cents::toColumn).orElse(null));
        row.setPacingMode(settings.pacingMode().code());
        row.setCreatedAt(Timestamps.toColumn(campaign.createdAt()));
        row.setUpdatedAt(Timestamps.toColumn(campaign.updatedAt()));
        return row;
    }
}
