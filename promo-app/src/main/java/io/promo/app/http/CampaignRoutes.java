package io.promo.app.http;

import static io.promo.app.http.ProblemResponses.accepted;

import io.promo.app.http.JsonViews.CampaignView;
import io.promo.app.http.JsonViews.CampaignsView;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.ChangeCampaignStatusCommand;
import io.promo.domain.campaign.CreateCampaignCommand;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.UpdateCampaignCommand;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.NullableChange;
import io.promo.domain.shared.Surface;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Authoring campaigns and moving them through their lifecycle (advertisers on their own, admins on any). */
final class CampaignRoutes implements ApiRoutes {

    private static final String[] PATCHABLE = {"name", "cpc_cents", "daily_budget_cents", "total_budget_cents",
        "end_date", "city_targets", "keyword_targets", "pacing_mode"};
    /** Fixed once authored: a PATCH naming one is refused with a reason rather than as an unknown field. */
    private static final String[] FIXED = {"campaign_id", "advertiser_id", "surface", "target_entity_type",
        "target_entity_id", "format", "start_date", "status", "created_at", "updated_at"};

    private final ApiServices services;

    CampaignRoutes(ApiServices services) {
        this.services = services;
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/v1/campaigns", Access.ADVERTISER, (ctx, caller) -> {
            Campaign created = accepted(services.useCases().createCampaign.create(createCommand(JsonBody.of(ctx), caller)));
            Respond.json(ctx, 201, CampaignView.of(created));
        });
        router.get("/v1/campaigns", Access.ADVERTISER, (ctx, caller) -> {
            AdvertiserId owner;
            if (caller instanceof Caller.Advertiser advertiser) {
                owner = advertiser.advertiserId();
            } else {
                String raw = ctx.queryParam("advertiser_id");
                if (raw == null) {
                    throw InvalidCommandException.of("advertiser_id", "is required for the admin: whose campaigns to list");
                }
                owner = AdvertiserId.parse("advertiser_id", raw);
            }
            Respond.json(ctx, 200, new CampaignsView(services.useCases().campaignQueries.list(caller.actor(), owner)
                    .stream().map(CampaignView::of).toList()));
        });
        router.get("/v1/campaigns/{id}", Access.ADVERTISER, (ctx, caller) -> Respond.json(ctx, 200,
                CampaignView.of(accepted(services.useCases().campaignQueries.get(caller.actor(), Respond.campaignId(ctx))))));
        router.patch("/v1/campaigns/{id}", Access.ADVERTISER, (ctx, caller) -> {
            UpdateCampaignCommand command = updateCommand(JsonBody.of(ctx),
                    UpdateCampaignCommand.of(caller.actor(), Respond.campaignId(ctx)));
            Respond.json(ctx, 200, CampaignView.of(accepted(services.useCases().updateCampaign.update(command))));
        });
        for (CampaignAction action : CampaignAction.values()) {
            router.post("/v1/campaigns/{id}/" + action.code(), action.adminOnly() ? Access.ADMIN : Access.ADVERTISER,
                    (ctx, caller) -> Respond.json(ctx, 200, CampaignView.of(accepted(
                            services.useCases().changeCampaignStatus.change(new ChangeCampaignStatusCommand(
                                    caller.actor(), Respond.campaignId(ctx), action))))));
        }
    }

    private static CreateCampaignCommand createCommand(JsonBody body, Caller caller) {
        body.allowOnly("advertiser_id", "target_entity_type", "target_entity_id", "name", "surface", "format",
                "city_targets", "keyword_targets", "start_date", "end_date", "cpc_cents", "daily_budget_cents",
                "total_budget_cents", "pacing_mode");
        Optional<AdvertiserId> named = body.optionalParsed("advertiser_id", AdvertiserId::parse);
        AdvertiserId owner = null;
        if (caller instanceof Caller.Advertiser advertiser) {
            // Naming another advertiser is answered by the use case as that advertiser not found (I8).
            owner = named.orElse(advertiser.advertiserId());
        } else if (named.isPresent()) {
            owner = named.get();
        } else if (!body.has("advertiser_id")) {
            body.reject("advertiser_id", "is required for the admin: whose campaign this is");
        }
        String type = body.text("target_entity_type");
        String entityId = body.text("target_entity_id");
        TargetEntity target = null;
        if (type != null && entityId != null) {
            try {
                target = TargetEntity.parse(type, entityId);
            } catch (InvalidCommandException e) {
                e.violations().forEach(v -> body.reject(v.field(), v.message()));
            }
        }
        Surface surface = body.parsed("surface", Surface::parse);
        String name = body.text("name");
        Format format = body.parsed("format", Format::parse);
        List<CityCode> cities = body.parsedTexts("city_targets", CityCode::parse);
        List<String> keywords = body.optionalTexts("keyword_targets").orElse(List.of());
        LocalDate start = body.date("start_date");
        Optional<LocalDate> end = body.optionalDate("end_date");
        Long cpc = body.wholeNumber("cpc_cents");
        Long daily = body.wholeNumber("daily_budget_cents");
        Optional<Long> total = body.optionalWholeNumber("total_budget_cents");
        PacingMode pacing = body.optionalParsed("pacing_mode", PacingMode::parse).orElse(PacingMode.EVEN);
        body.throwIfInvalid();
        CampaignSettings settings = new CampaignSettings(name, format, cities, keywords, start, end,
                Money.ofCents(cpc), Money.ofCents(daily), total.map(Money::ofCents), pacing);
        return new CreateCampaignCommand(caller.actor(), owner, surface, target, settings);
    }

    private static UpdateCampaignCommand updateCommand(JsonBody body, UpdateCampaignCommand unchanged) {
        String[] known = new String[PATCHABLE.length + FIXED.length];
        System.arraycopy(PATCHABLE, 0, known, 0, PATCHABLE.length);
        System.arraycopy(FIXED, 0, known, PATCHABLE.length, FIXED.length);
        body.allowOnly(known);
        for (String fixed : FIXED) {
            if (body.has(fixed)) {
                body.reject(fixed, fixed.equals("status")
                        ? "changes through POST /v1/campaigns/{id}/activate, /pause, /resume or /end"
                        : "cannot be changed once a campaign is authored");
            }
        }
        for (String required : new String[] {"name", "cpc_cents", "daily_budget_cents", "city_targets",
            "keyword_targets", "pacing_mode"}) {
            if (body.isNull(required)) {
                body.reject(required, "cannot be cleared (leave it out to keep it)");
            }
        }
        UpdateCampaignCommand command = unchanged;
        Optional<String> name = body.optionalText("name");
        Optional<Long> cpc = body.optionalWholeNumber("cpc_cents");
        Optional<Long> daily = body.optionalWholeNumber("daily_budget_cents");
        Optional<Long> total = body.optionalWholeNumber("total_budget_cents");
        Optional<LocalDate> end = body.optionalDate("end_date");
        Optional<List<CityCode>> cities = body.optionalParsedTexts("city_targets", CityCode::parse);
        Optional<List<String>> keywords = body.optionalTexts("keyword_targets");
        Optional<PacingMode> pacing = body.optionalParsed("pacing_mode", PacingMode::parse);
        body.throwIfInvalid();
        command = name.map(command::withName).orElse(command);
        command = cpc.map(Money::ofCents).map(command::withCpc).orElse(command);
        command = daily.map(Money::ofCents).map(command::withDailyBudget).orElse(command);
        if (body.isNull("total_budget_cents")) {
            command = command.withTotalBudget(NullableChange.clear());
        } else if (total.isPresent()) {
            command = command.withTotalBudget(NullableChange.set(Money.ofCents(total.get())));
        }
        if (body.isNull("end_date")) {
            command = command.withEndDate(NullableChange.clear());
        } else if (end.isPresent()) {
            command = command.withEndDate(NullableChange.set(end.get()));
        }
        command = cities.map(command::withCityTargets).orElse(command);
        command = keywords.map(command::withKeywordTargets).orElse(command);
        return pacing.map(command::withPacingMode).orElse(command);
    }
}
