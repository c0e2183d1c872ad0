package io.promo.domain.campaign;

import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Violation;
import io.promo.domain.shared.Violations;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an advertiser authors: everything about a campaign except who owns it, what it promotes and
 * where it lives in its lifecycle.
 *
 * <p>A settings value may break the business rules (that is what {@link #violations()} is for: a
 * command is checked before it becomes a campaign); a {@link Campaign} only ever holds valid ones.
 */
public record CampaignSettings(
        String name,
        Format format,
        List<CityCode> cityTargets,
        List<String> keywordTargets,
        LocalDate startDate,
        Optional<LocalDate> endDate,
        Money cpc,
        Money dailyBudget,
        Optional<Money> totalBudget,
        PacingMode pacingMode,
        AdSchedule schedule,
        Optional<FrequencyCap> frequencyCap) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_CITIES = 100;

    public CampaignSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        cityTargets = List.copyOf(new LinkedHashSet<>(cityTargets));
        keywordTargets = Keywords.normalize(keywordTargets);
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(cpc, "cpc");
        Objects.requireNonNull(dailyBudget, "dailyBudget");
        Objects.requireNonNull(totalBudget, "totalBudget");
        Objects.requireNonNull(pacingMode, "pacingMode");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(frequencyCap, "frequencyCap");
    }

    /** Settings without an ad schedule (any hour) and without a frequency cap of their own. */
    public CampaignSettings(String name, Format format, List<CityCode> cityTargets, List<String> keywordTargets,
            LocalDate startDate, Optional<LocalDate> endDate, Money cpc, Money dailyBudget, Optional<Money> totalBudget,
            PacingMode pacingMode) {
        this(name, format, cityTargets, keywordTargets, startDate, endDate, cpc, dailyBudget, totalBudget, pacingMode,
                AdSchedule.ALWAYS, Optional.empty());
    }

    /**
     * Every rule of docs/design.md "Author" that needs nothing but these values (floors need policies). Each field held
     * to a constant is a {@link Violation.Kind#FORM} violation (the API document states it as the field's schema);
     * a rule relating fields is a {@link Violation.Kind#RULE} (ADR 0008).
     */
    public List<Violation> violations() {
        Violations found = new Violations();
        found.requireForm(!name.isBlank(), "name", "must not be blank");
        found.requireForm(name.length() <= MAX_NAME_LENGTH, "name", "must be at most " + MAX_NAME_LENGTH + " characters");
        found.requireForm(!cityTargets.isEmpty(), "city_targets", "must name at least one city");
        found.requireForm(cityTargets.size() <= MAX_CITIES, "city_targets", "must name at most " + MAX_CITIES + " cities");
        found.requireForm(keywordTargets.size() <= Keywords.MAX_COUNT, "keyword_targets",
                "must hold at most " + Keywords.MAX_COUNT + " keywords");
        for (String problem : Keywords.problems(keywordTargets)) {
            found.requireForm(false, "keyword_targets", problem);
        }
        found.addAll(schedule.violations());
        endDate.ifPresent(end -> found.require(!end.isBefore(startDate), "end_date",
                "must not be before start_date (" + startDate + ")"));
        // The budget-versus-cpc rules compare amounts, so they only mean something once each amount is
        // valid; other broken rules (a blank name, …) must not hide them.
        Violations amounts = new Violations();
        checkAmount(amounts, "cpc_cents", cpc);
        checkAmount(amounts, "daily_budget_cents", dailyBudget);
        totalBudget.ifPresent(total -> checkAmount(amounts, "total_budget_cents", total));
        found.addAll(amounts.list());
        if (amounts.isEmpty()) {
            found.require(!dailyBudget.isLessThan(cpc), "daily_budget_cents",
                    "must be at least cpc_cents (" + cpc.cents() + ") so that one click fits a day");
            totalBudget.ifPresent(total -> found.require(!total.isLessThan(dailyBudget), "total_budget_cents",
                    "must be at least daily_budget_cents (" + dailyBudget.cents() + ")"));
        }
        return found.list();
    }

    private static void checkAmount(Violations found, String field, Money amount) {
        found.requireForm(amount.isPositive(), field, "must be greater than 0 (got " + amount.cents() + ")");
        found.requireForm(amount.fitsColumn(), field, "must be at most " + Integer.MAX_VALUE + " (got " + amount.cents() + ")");
    }

    public CampaignSettings withName(String newName) {
        return new CampaignSettings(newName, format, cityTargets, keywordTargets, startDate, endDate, cpc,
                dailyBudget, totalBudget, pacingMode, schedule, frequencyCap);
    }

    public CampaignSettings withCpc(Money newCpc) {
        return new CampaignSettings(name, format, cityTargets, keywordTargets, startDate, endDate, newCpc,
                dailyBudget, totalBudget, pacingMode, schedule, frequencyCap);
    }

    public CampaignSettings withDailyBudget(Money newDailyBudget) {
        return new CampaignSettings(name, format, cityTargets, keywordTargets, startDate, endDate, cpc,
                newDailyBudget, totalBudget, pacingMode, schedule, frequencyCap);
    }

    public CampaignSettings withTotalBudget(Optional<Money> newTotalBudget) {
        return new CampaignSettings(name, format, cityTargets, keywordTargets, startDate, endDate, cpc,
                dailyBudget, newTotalBudget, pacingMode, schedule, frequencyCap);
    }

    public CampaignSettings withEndDate(Optional<LocalDate> newEndDate) {
        return new CampaignSettings(name, format, cityTargets, keywordTargets, startDate, newEndDate, cpc,
                dailyBudget, totalBudget, pacingMode, schedule, frequencyCap);
    }

    public CampaignSettings withCityTargets(List<CityCode> newCityTargets) {
        return new CampaignSettings(name, format, newCityTargets, keywordTargets, startDate, endDate, cpc,
                dailyBudget, totalBudget, pacingMode, schedule, frequencyCap);
    }

    public CampaignSettings withKeywordTargets(List<String> newKeywordTargets) {
        return new CampaignSettings(name, format, cityTargets, newKeywordTargets, startDate, endDate, cpc,
                dailyBudget, totalBudget, pacingMode, schedule, frequencyCap);
    }

    public CampaignSettings withPacingMode(PacingMode newPacingMode) {
        return new CampaignSettings(name, format, cityTargets, keywordTargets, startDate, endDate, cpc,
                dailyBudget, totalBudget, newPacingMode, schedule, frequencyCap);
    }

    public CampaignSettings withFrequencyCap(Optional<FrequencyCap> newFrequencyCap) {
        return new CampaignSettings(name, format, cityTargets, keywordTargets, startDate, endDate, cpc, dailyBudget,
                totalBudget, pacingMode, schedule, newFrequencyCap);
    }

    public CampaignSettings withSchedule(AdSchedule newSchedule) {
        return new CampaignSettings(name, format, cityTargets, keywordTargets, startDate, endDate, cpc, dailyBudget,
                totalBudget, pacingMode, newSchedule, frequencyCap);
    }
}
