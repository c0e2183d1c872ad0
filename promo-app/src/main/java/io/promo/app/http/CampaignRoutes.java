package io.promo.app.http;

import static io.promo.app.http.ProblemResponses.accepted;

import io.promo.app.http.JsonViews.CampaignView;
import io.promo.app.http.JsonViews.CampaignsView;
import io.promo.domain.campaign.AdSchedule;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignQueries;
import io.promo.domain.campaign.ChangeCampaignStatus;
import io.promo.domain.campaign.CreateCampaign;
import io.promo.domain.campaign.UpdateCampaign;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.ChangeCampaignStatusCommand;
import io.promo.domain.campaign.CreateCampaignCommand;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.FrequencyCap;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.UpdateCampaignCommand;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.NullableChange;
import io.promo.domain.shared.Violation;
import io.promo.domain.shared.Surface;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Authoring campaigns and moving them through their lifecycle (advertisers on their own, admins on any). */
public final class CampaignRoutes implements ApiRoutes {

    // A campaign's fields, each named once: reading, refusing and listing them all use these.
    private static final String CAMPAIGN_ID = "campaign_id";
    private static final String ADVERTISER_ID = "advertiser_id";
    private static final String TARGET_ENTITY_TYPE = "target_entity_type";
    private static final String TARGET_ENTITY_ID = "target_entity_id";
    private static final String NAME = "name";
    private static final String SURFACE = "surface";
    private static final String FORMAT = "format";
    private static final String CITY_TARGETS = "city_targets";
    private static final String KEYWORD_TARGETS = "keyword_targets";
    private static final String START_DATE = "start_date";
    private static final String END_DATE = "end_date";
    private static final String CPC_CENTS = "cpc_cents";
    private static final String DAILY_BUDGET_CENTS = "daily_budget_cents";
    private static final String TOTAL_BUDGET_CENTS = "total_budget_cents";
    private static final String PACING_MODE = "pacing_mode";
    private static final String FREQUENCY_CAP = FrequencyCap.FIELD;
    private static final String CAP_IMPRESSIONS = "impressions";
    private static final String CAP_PERIOD_HOURS = "period_hours";
    private static final String SCHEDULE = "schedule";
    private static final String DAYS = "days";
    private static final String FROM_HOUR = "from_hour";
    private static final String TO_HOUR = "to_hour";
    private static final String STATUS = "status";
    private static final String CREATED_AT = "created_at";
    private static final String UPDATED_AT = "updated_at";

    /** What a POST authors with, in the order an unknown field's error lists them. */
    private static final String[] AUTHORED = {ADVERTISER_ID, TARGET_ENTITY_TYPE, TARGET_ENTITY_ID, NAME, SURFACE, FORMAT,
        CITY_TARGETS, KEYWORD_TARGETS, START_DATE, END_DATE, CPC_CENTS, DAILY_BUDGET_CENTS, TOTAL_BUDGET_CENTS,
        PACING_MODE, SCHEDULE, FREQUENCY_CAP};
    private static final String[] PATCHABLE = {NAME, CPC_CENTS, DAILY_BUDGET_CENTS, TOTAL_BUDGET_CENTS, END_DATE,
        CITY_TARGETS, KEYWORD_TARGETS, PACING_MODE, SCHEDULE, FREQUENCY_CAP};
    /** Fixed once authored: a PATCH naming one is refused with a reason rather than as an unknown field. */
    private static final String[] FIXED = {CAMPAIGN_ID, ADVERTISER_ID, SURFACE, TARGET_ENTITY_TYPE, TARGET_ENTITY_ID,
        FORMAT, START_DATE, STATUS, CREATED_AT, UPDATED_AT};
    /** Patchable, but a campaign cannot be without them: a PATCH setting one to null is refused. */
    private static final String[] NOT_CLEARABLE = {NAME, CPC_CENTS, DAILY_BUDGET_CENTS, CITY_TARGETS, KEYWORD_TARGETS,
        PACING_MODE};

    private final CreateCampaign createCampaign;
    private final CampaignQueries campaignQueries;
    private final UpdateCampaign updateCampaign;
    private final ChangeCampaignStatus changeCampaignStatus;

    public CampaignRoutes(CreateCampaign createCampaign, CampaignQueries campaignQueries, UpdateCampaign updateCampaign,
            ChangeCampaignStatus changeCampaignStatus) {
        this.createCampaign = createCampaign;
        this.campaignQueries = campaignQueries;
        this.updateCampaign = updateCampaign;
        this.changeCampaignStatus = changeCampaignStatus;
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/v1/campaigns", Access.ADVERTISER, (ctx, caller) -> {
            Campaign created = accepted(createCampaign.create(createCommand(JsonBody.of(ctx), caller)));
            Respond.json(ctx, 201, CampaignView.of(created));
        });
        router.get("/v1/campaigns", Access.ADVERTISER, (ctx, caller) -> {
            AdvertiserId owner;
            if (caller instanceof Caller.Advertiser advertiser) {
                owner = advertiser.advertiserId();
            } else {
                String raw = ctx.queryParam(ADVERTISER_ID);
                if (raw == null) {
                    throw InvalidCommandException.of(ADVERTISER_ID, "is required for the admin: whose campaigns to list");
                }
                owner = AdvertiserId.parse(ADVERTISER_ID, raw);
            }
            Respond.json(ctx, 200, new CampaignsView(campaignQueries.list(caller.actor(), owner)
                    .stream().map(CampaignView::of).toList()));
        });
        router.get("/v1/campaigns/{id}", Access.ADVERTISER, (ctx, caller) -> Respond.json(ctx, 200,
                CampaignView.of(accepted(campaignQueries.get(caller.actor(), Respond.campaignId(ctx))))));
        router.patch("/v1/campaigns/{id}", Access.ADVERTISER, (ctx, caller) -> {
            UpdateCampaignCommand command = updateCommand(JsonBody.of(ctx),
                    UpdateCampaignCommand.of(caller.actor(), Respond.campaignId(ctx)));
            Respond.json(ctx, 200, CampaignView.of(accepted(updateCampaign.update(command))));
        });
        for (CampaignAction action : CampaignAction.values()) {
            router.post("/v1/campaigns/{id}/" + action.code(), action.adminOnly() ? Access.ADMIN : Access.ADVERTISER,
                    (ctx, caller) -> Respond.json(ctx, 200, CampaignView.of(accepted(
                            changeCampaignStatus.change(new ChangeCampaignStatusCommand(
                                    caller.actor(), Respond.campaignId(ctx), action))))));
        }
    }

    private static CreateCampaignCommand createCommand(JsonBody body, Caller caller) {
        // The schema's nullable fields: null is "none" (no end, no total, the deployment's cap, every hour).
        body.allowOnly(AUTHORED).allowNull(END_DATE, TOTAL_BUDGET_CENTS, FREQUENCY_CAP, SCHEDULE);
        Optional<AdvertiserId> named = body.optionalParsed(ADVERTISER_ID, AdvertiserId::parse);
        AdvertiserId owner = null;
        if (caller instanceof Caller.Advertiser advertiser) {
            // Naming another advertiser is answered by the use case as that advertiser not found (I8).
            owner = named.orElse(advertiser.advertiserId());
        } else if (named.isPresent()) {
            owner = named.get();
        } else if (!body.has(ADVERTISER_ID)) {
            body.reject(ADVERTISER_ID, "is required for the admin: whose campaign this is");
        }
        String type = body.text(TARGET_ENTITY_TYPE);
        String entityId = body.text(TARGET_ENTITY_ID);
        TargetEntity target = null;
        if (type != null && entityId != null) {
            try {
                target = TargetEntity.parse(type, entityId);
            } catch (InvalidCommandException e) {
                e.violations().forEach(v -> body.reject(v.field(), v.message()));
            }
        }
        Surface surface = body.parsed(SURFACE, Surface::parse);
        String name = body.text(NAME);
        Format format = body.parsed(FORMAT, Format::parse);
        List<CityCode> cities = body.parsedTexts(CITY_TARGETS, CityCode::parse);
        List<String> keywords = body.optionalTexts(KEYWORD_TARGETS).orElse(List.of());
        LocalDate start = body.date(START_DATE);
        Optional<LocalDate> end = body.optionalDate(END_DATE);
        Long cpc = body.wholeNumber(CPC_CENTS);
        Long daily = body.wholeNumber(DAILY_BUDGET_CENTS);
        Optional<Long> total = body.optionalWholeNumber(TOTAL_BUDGET_CENTS);
        PacingMode pacing = body.optionalParsed(PACING_MODE, PacingMode::parse).orElse(PacingMode.EVEN);
        AdSchedule schedule = schedule(body).orElse(AdSchedule.ALWAYS);
        Optional<FrequencyCap> cap = frequencyCap(body);
        body.throwIfInvalid();
        CampaignSettings settings = new CampaignSettings(name, format, cities, keywords, start, end,
                Money.ofCents(cpc), Money.ofCents(daily), total.map(Money::ofCents), pacing, schedule, cap);
        return new CreateCampaignCommand(caller.actor(), owner, surface, target, settings);
    }

    private static UpdateCampaignCommand updateCommand(JsonBody body, UpdateCampaignCommand unchanged) {
        String[] known = new String[PATCHABLE.length + FIXED.length];
        System.arraycopy(PATCHABLE, 0, known, 0, PATCHABLE.length);
        System.arraycopy(FIXED, 0, known, PATCHABLE.length, FIXED.length);
        // Every null of a patch is answered below: a clearable field is cleared, any other refused as not clearable.
        body.allowOnly(known).allowNull(PATCHABLE);
        for (String fixed : FIXED) {
            if (body.has(fixed)) {
                body.reject(fixed, fixed.equals(STATUS)
                        ? "changes through POST /v1/campaigns/{id}/activate, /pause, /resume or /end"
                        : "cannot be changed once a campaign is authored");
            }
        }
        for (String required : NOT_CLEARABLE) {
            if (body.isNull(required)) {
                body.reject(required, "cannot be cleared (leave it out to keep it)");
            }
        }
        UpdateCampaignCommand command = unchanged;
        Optional<String> name = body.optionalText(NAME);
        Optional<Long> cpc = body.optionalWholeNumber(CPC_CENTS);
        Optional<Long> daily = body.optionalWholeNumber(DAILY_BUDGET_CENTS);
        Optional<Long> total = body.optionalWholeNumber(TOTAL_BUDGET_CENTS);
        Optional<LocalDate> end = body.optionalDate(END_DATE);
        Optional<List<CityCode>> cities = body.optionalParsedTexts(CITY_TARGETS, CityCode::parse);
        Optional<List<String>> keywords = body.optionalTexts(KEYWORD_TARGETS);
        Optional<PacingMode> pacing = body.optionalParsed(PACING_MODE, PacingMode::parse);
        Optional<AdSchedule> schedule = body.isNull(SCHEDULE) ? Optional.of(AdSchedule.ALWAYS) : schedule(body);
        Optional<FrequencyCap> cap = frequencyCap(body);
        body.throwIfInvalid();
        command = name.map(command::withName).orElse(command);
        command = cpc.map(Money::ofCents).map(command::withCpc).orElse(command);
        command = daily.map(Money::ofCents).map(command::withDailyBudget).orElse(command);
        if (body.isNull(TOTAL_BUDGET_CENTS)) {
            command = command.withTotalBudget(NullableChange.clear());
        } else if (total.isPresent()) {
            command = command.withTotalBudget(NullableChange.set(Money.ofCents(total.get())));
        }
        if (body.isNull(END_DATE)) {
            command = command.withEndDate(NullableChange.clear());
        } else if (end.isPresent()) {
            command = command.withEndDate(NullableChange.set(end.get()));
        }
        command = cities.map(command::withCityTargets).orElse(command);
        command = keywords.map(command::withKeywordTargets).orElse(command);
        command = pacing.map(command::withPacingMode).orElse(command);
        command = schedule.map(command::withSchedule).orElse(command);
        if (body.isNull(FREQUENCY_CAP)) {
            command = command.withFrequencyCap(NullableChange.clear());
        } else if (cap.isPresent()) {
            command = command.withFrequencyCap(NullableChange.set(cap.get()));
        }
        return command;
    }

    /**
     * {@code frequency_cap: {"impressions": N, "period_hours": H}}, each bound broken named as
     * {@code frequency_cap.impressions} or {@code frequency_cap.period_hours}; empty when absent, null or broken.
     */
    private static Optional<FrequencyCap> frequencyCap(JsonBody body) {
        Optional<JsonBody> given = body.optionalObject(FREQUENCY_CAP);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        JsonBody cap = given.get().allowOnly(CAP_IMPRESSIONS, CAP_PERIOD_HOURS);
        Long impressions = cap.wholeNumber(CAP_IMPRESSIONS);
        Long hours = cap.wholeNumber(CAP_PERIOD_HOURS);
        if (impressions == null || hours == null) {
            return Optional.empty();
        }
        List<Violation> problems = FrequencyCap.problems(impressions, hours);
        problems.forEach(problem -> body.reject(problem.field(), problem.message()));
        return problems.isEmpty() ? Optional.of(new FrequencyCap(impressions.intValue(), hours.intValue()))
                : Optional.empty();
    }

    /**
     * {@code schedule}: windows of {@code days} ({@code mon} … {@code sun}), {@code from_hour} and {@code to_hour}
     * (ADR 0036). Empty when absent; {@code []} is no schedule. The hours' ranges are the domain's rules
     * ({@link AdSchedule#violations()}), checked with the rest of the settings.
     */
    private static Optional<AdSchedule> schedule(JsonBody body) {
        return body.optionalObjects(SCHEDULE).map(items -> {
            List<AdSchedule.Window> windows = new java.util.ArrayList<>(items.size());
            for (JsonBody item : items) {
                item.allowOnly(DAYS, FROM_HOUR, TO_HOUR);
                List<DayOfWeek> days = item.parsedTexts(DAYS, AdSchedule::parseDay);
                Integer from = item.count(FROM_HOUR);
                Integer to = item.count(TO_HOUR);
                if (days != null && from != null && to != null) {
                    windows.add(AdSchedule.Window.of(days, from, to));
                }
            }
            return new AdSchedule(windows);
        });
    }
}
