package io.promo.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After the day, a few searches that show the targeting rules one at a time, through the same HTTP API, in a city of
 * their own so the day's figures stay as they were: a studio promoting three of its photographers' profiles takes at
 * most {@code PROMO_MAX_SLOTS_PER_ADVERTISER} (2) of a page's four sponsored positions, a rival the next; its lead
 * profile excludes {@code -cheap}, so "cheap portrait" does not show it (NEGATIVE_KEYWORD); and its cap of 2 per 24 h
 * holds for a viewer whose search service passes back each decision's {@code memory_token} (FREQUENCY_CAP).
 */
final class Showcase {

    static final String CITY = "showcase";
    private static final String SURFACE = "people_search";

    /**
     * What the showcase saw.
     *
     * @param studioProfiles    the studio's promoted profiles
     * @param studioSlotsOnPage the most positions the studio took on one page
     * @param rivalShown        whether the rival advertiser had a position on that page
     * @param cheapReason       the lead profile's deciding reason for "cheap portrait"
     * @param cappedShown       how often the capped lead profile was shown in {@link #SEARCHES} searches of one viewer
     * @param cappedReason      its deciding reason for that viewer afterwards, with the viewer's token
     */
    record Results(int studioProfiles, int studioSlotsOnPage, boolean rivalShown, String cheapReason, int cappedShown,
            String cappedReason) {
    }

    static final int SEARCHES = 5;

    private final DemoApi api;
    private final String adminKey;
    private final String serviceKey;

    Showcase(DemoApi api, String adminKey, String serviceKey) {
        this.api = api;
        this.adminKey = adminKey;
        this.serviceKey = serviceKey;
    }

    /** Authors the studio and its rival; the caller then lets the serving index see them before {@link #search}. */
    Authored author(LocalDate day) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("surface", SURFACE);
        policy.put("city", CITY);
        policy.put("cpc_floor_cents", 30);
        policy.put("max_density_top20", 4);
        policy.put("max_above_fold", 1);
        api.call("PUT", "/v1/policies", adminKey, policy, 200);
        String studio = advertiser("usr_demo_studio");
        List<String> profiles = List.of("srv_showcase_studio_anna", "srv_showcase_studio_ben", "srv_showcase_studio_cleo");
        String lead = null;
        for (int i = 0; i < profiles.size(); i++) {
            Map<String, Object> cap = i == 0 ? Map.of("impressions", 2, "period_hours", 24) : null;
            String id = campaign(studio, "usr_demo_studio", profiles.get(i), "Studio profile " + (i + 1), 90 - 10L * i,
                    i == 0 ? List.of("portrait", "-cheap") : List.of("portrait"), cap, day);
            lead = lead == null ? id : lead;
        }
        String rival = advertiser("usr_demo_rival");
        campaign(rival, "usr_demo_rival", "srv_showcase_rival", "Rival portraits", 50, List.of("portrait"), null, day);
        return new Authored(studio, lead, profiles);
    }

    record Authored(String studioKey, String leadCampaign, List<String> profiles) {
    }

    Results search(Authored authored) {
        List<String> organic = new ArrayList<>(authored.profiles());
        organic.add("srv_showcase_rival");
        for (int i = 1; i <= 8; i++) {
            // A page of 12: the fold takes 4, so the density of 4 leaves room below it for three more.
            organic.add("srv_showcase_plain_" + i);
        }

        JsonNode page = decide("portrait studio", "fp_showcase_first", organic, null);
        int studioSlots = 0;
        boolean rival = false;
        for (JsonNode result : page.path("results")) {
            if (result.path("sponsored").asBoolean()) {
                studioSlots += authored.profiles().contains(result.path("entity_id").asText()) ? 1 : 0;
                rival |= result.path("entity_id").asText().equals("srv_showcase_rival");
            }
        }
        String cheap = diagnose(authored, "cheap portrait", null, null);

        String token = null;
        int shown = 0;
        for (int i = 0; i < SEARCHES; i++) {
            JsonNode capped = decide("portrait", "fp_showcase_capped", organic, token);
            for (JsonNode result : capped.path("results")) {
                shown += result.path("entity_id").asText().equals(authored.profiles().get(0))
                        && result.path("sponsored").asBoolean() ? 1 : 0;
            }
            token = capped.path("memory_token").isNull() ? null : capped.path("memory_token").asText();
        }
        String cappedReason = diagnose(authored, "portrait", "fp_showcase_capped", token);
        return new Results(authored.profiles().size(), studioSlots, rival, cheap, shown, cappedReason);
    }

    static String summary(Results results) {
        return String.format("Showcase (city %s): a studio promoting %d profiles took %d of the page's positions "
                + "(PROMO_MAX_SLOTS_PER_ADVERTISER), %s; \"cheap portrait\" did not show its lead profile (%s, its -cheap); "
                + "a viewer passing back memory_token saw that profile %d times in %d searches (cap 2 per 24 h), then %s.%n",
                CITY, results.studioProfiles(), results.studioSlotsOnPage(),
                results.rivalShown() ? "a rival took the next" : "no rival was shown", results.cheapReason(),
                results.cappedShown(), SEARCHES, results.cappedReason());
    }

    private String advertiser(String userId) {
        return api.call("POST", "/v1/advertisers", adminKey,
                Map.of("user_id", userId, "default_payment_id", "cus_" + userId + "/pm_card_visa"), 201)
                .path("api_key").asText();
    }

    private String campaign(String key, String userId, String entity, String name, long cpc, List<String> keywords,
            Map<String, Object> cap, LocalDate day) {
        api.call("PUT", "/v1/entities/service_profile/" + entity, serviceKey, Map.of("owner_user_id", userId), 200);
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("target_entity_type", "service_profile");
        campaign.put("target_entity_id", entity);
        campaign.put("name", name);
        campaign.put("surface", SURFACE);
        campaign.put("format", "featured");
        campaign.put("city_targets", List.of(CITY));
        campaign.put("keyword_targets", keywords);
        campaign.put("start_date", day.toString());
        campaign.put("cpc_cents", cpc);
        campaign.put("daily_budget_cents", cpc * 50);
        campaign.put("pacing_mode", "accelerated");
        if (cap != null) {
            campaign.put("frequency_cap", cap);
        }
        String id = api.call("POST", "/v1/campaigns", key, campaign, 201).path("campaign_id").asText();
        api.call("POST", "/v1/campaigns/" + id + "/topups", key,
                Map.of("amount_cents", cpc * 100, "idempotency_key", "showcase-" + entity), 200);
        api.call("POST", "/v1/campaigns/" + id + "/activate", key, null, 200);
        return id;
    }

    private JsonNode decide(String query, String fingerprint, List<String> organic, String token) {
        Map<String, Object> body = new HashMap<>();
        body.put("surface", SURFACE);
        body.put("city", CITY);
        body.put("query", query);
        body.put("viewer", Map.of("anon_fingerprint", fingerprint));
        body.put("client", Map.of("ip", "198.51.100.77", "user_agent", "Mozilla/5.0 (showcase)"));
        body.put("organic_matches", organic);
        body.put("memory_token", token);
        return api.call("POST", "/v1/decisions", serviceKey, body, 200);
    }

    private String diagnose(Authored authored, String query, String fingerprint, String token) {
        String path = "/v1/campaigns/" + authored.leadCampaign() + "/diagnostics?city=" + CITY + "&query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + (token == null ? "" : "&anon_fingerprint=" + fingerprint + "&memory_token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8));
        JsonNode diagnosis = api.call("GET", path, authored.studioKey(), null, 200);
        return diagnosis.path("deciding_reason").isNull() ? "shown" : diagnosis.path("deciding_reason").asText();
    }
}
