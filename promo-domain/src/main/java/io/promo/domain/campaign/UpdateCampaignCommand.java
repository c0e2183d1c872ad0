package io.promo.domain.campaign;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.NullableChange;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Change some settings of a campaign: an empty optional leaves a field as it is. The surface, the
 * target, the format and the start date are fixed once authored.
 */
public record UpdateCampaignCommand(
        Actor actor,
        CampaignId campaignId,
        Optional<String> name,
        Optional<Money> cpc,
        Optional<Money> dailyBudget,
        NullableChange<Money> totalBudget,
        NullableChange<LocalDate> endDate,
        Optional<List<CityCode>> cityTargets,
        Optional<List<String>> keywordTargets,
        Optional<PacingMode> pacingMode,
        Optional<AdSchedule> schedule,
        NullableChange<FrequencyCap> frequencyCap) {

    public UpdateCampaignCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cpc, "cpc");
        Objects.requireNonNull(dailyBudget, "dailyBudget");
        Objects.requireNonNull(totalBudget, "totalBudget");
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(cityTargets, "cityTargets");
        Objects.requireNonNull(keywordTargets, "keywordTargets");
        Objects.requireNonNull(pacingMode, "pacingMode");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(frequencyCap, "frequencyCap");
    }

    /** A change that keeps the ad schedule and leaves the frequency cap as it is. */
    public UpdateCampaignCommand(Actor actor, CampaignId campaignId, Optional<String> name, Optional<Money> cpc,
            Optional<Money> dailyBudget, NullableChange<Money> totalBudget, NullableChange<LocalDate> endDate,
            Optional<List<CityCode>> cityTargets, Optional<List<String>> keywordTargets, Optional<PacingMode> pacingMode) {
        this(actor, campaignId, name, cpc, dailyBudget, totalBudget, endDate, cityTargets, keywordTargets, pacingMode,
                Optional.empty(), NullableChange.keep());
    }

    /** A command that changes nothing yet, to build on with the {@code with…} methods. */
    public static UpdateCampaignCommand of(Actor actor, CampaignId campaignId) {
        return new UpdateCampaignCommand(actor, campaignId, Optional.empty(), Optional.empty(), Optional.empty(),
                NullableChange.keep(), NullableChange.keep(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), NullableChange.keep());
    }

    public UpdateCampaignCommand withName(String newName) {
        return new UpdateCampaignCommand(actor, campaignId, Optional.of(newName), cpc, dailyBudget, totalBudget,
                endDate, cityTargets, keywordTargets, pacingMode, schedule, frequencyCap);
    }

    public UpdateCampaignCommand withCpc(Money newCpc) {
        return new UpdateCampaignCommand(actor, campaignId, name, Optional.of(newCpc), dailyBudget, totalBudget,
                endDate, cityTargets, keywordTargets, pacingMode, schedule, frequencyCap);
    }

    public UpdateCampaignCommand withDailyBudget(Money newDailyBudget) {
        return new UpdateCampaignCommand(actor, campaignId, name, cpc, Optional.of(newDailyBudget), totalBudget,
                endDate, cityTargets, keywordTargets, pacingMode, schedule, frequencyCap);
    }

    public UpdateCampaignCommand withTotalBudget(NullableChange<Money> change) {
        return new UpdateCampaignCommand(actor, campaignId, name, cpc, dailyBudget, change, endDate, cityTargets,
                keywordTargets, pacingMode, schedule, frequencyCap);
    }

    public UpdateCampaignCommand withEndDate(NullableChange<LocalDate> change) {
        return new UpdateCampaignCommand(actor, campaignId, name, cpc, dailyBudget, totalBudget, change, cityTargets,
                keywordTargets, pacingMode, schedule, frequencyCap);
    }

    public UpdateCampaignCommand withCityTargets(List<CityCode> cities) {
        return new UpdateCampaignCommand(actor, campaignId, name, cpc, dailyBudget, totalBudget, endDate,
                Optional.of(cities), keywordTargets, pacingMode, schedule, frequencyCap);
    }

    public UpdateCampaignCommand withKeywordTargets(List<String> keywords) {
        return new UpdateCampaignCommand(actor, campaignId, name, cpc, dailyBudget, totalBudget, endDate, cityTargets,
                Optional.of(keywords), pacingMode, schedule, frequencyCap);
    }

    public UpdateCampaignCommand withPacingMode(PacingMode mode) {
        return new UpdateCampaignCommand(actor, campaignId, name, cpc, dailyBudget, totalBudget, endDate, cityTargets,
                keywordTargets, Optional.of(mode), schedule, frequencyCap);
    }

    /** Sets ({@code NullableChange.set}) or removes ({@code clear}: the deployment's default applies) the campaign's cap. */
    public UpdateCampaignCommand withFrequencyCap(NullableChange<FrequencyCap> change) {
        return new UpdateCampaignCommand(actor, campaignId, name, cpc, dailyBudget, totalBudget, endDate, cityTargets,
                keywordTargets, pacingMode, schedule, change);
    }

    public UpdateCampaignCommand withSchedule(AdSchedule newSchedule) {
        return new UpdateCampaignCommand(actor, campaignId, name, cpc, dailyBudget, totalBudget, endDate, cityTargets,
                keywordTargets, pacingMode, Optional.of(newSchedule), frequencyCap);
    }

    /** The settings after this change. */
    CampaignSettings applyTo(CampaignSettings current) {
        CampaignSettings next = current;
        next = name.map(next::withName).orElse(next);
        next = cpc.map(next::withCpc).orElse(next);
        next = dailyBudget.map(next::withDailyBudget).orElse(next);
        next = next.withTotalBudget(totalBudget.applyTo(next.totalBudget()));
        next = next.withEndDate(endDate.applyTo(next.endDate()));
        next = cityTargets.map(next::withCityTargets).orElse(next);
        next = keywordTargets.map(next::withKeywordTargets).orElse(next);
        next = pacingMode.map(next::withPacingMode).orElse(next);
        next = schedule.map(next::withSchedule).orElse(next);
        return next.withFrequencyCap(frequencyCap.applyTo(next.frequencyCap()));
    }

    /** Floors depend on cpc and cities only; re-checking them for a rename would trap old campaigns under new floors. */
    boolean touchesPricing() {
        return cpc.isPresent() || cityTargets.isPresent();
    }

    /** The zones a schedule is read in depend on the schedule and the cities only (like floors, not re-checked otherwise). */
    boolean touchesSchedule() {
        return schedule.isPresent() || cityTargets.isPresent();
    }
}
