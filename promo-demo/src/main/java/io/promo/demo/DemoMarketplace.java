package io.promo.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The believable marketplace the demo authors through the API: three cities, three roles in people search
 * plus studio search, a policy per city (and one stricter per role), one advertiser per listing, each with a
 * draft campaign that it funds and activates. Budgets are small next to the traffic, so most campaigns have
 * more demand than budget and pacing shows.
 */
final class DemoMarketplace {

    static final List<String> CITIES = List.of("berlin", "paris", "lisbon");
    static final double[] CITY_WEIGHTS = {0.45, 0.35, 0.20};
    static final List<String> ROLES = List.of("photographer", "model", "stylist");
    static final String PEOPLE = "people_search";
    static final String STUDIOS = "studio_search";
    static final int CAMPAIGNS_PER_CELL = 3;
    static final int ENTITIES_PER_CELL = 120;
    /** The listing scheduled to business hours, weekdays 09–17 (ADR 0036): #07, a Berlin stylist paced evenly. */
    static final int BUSINESS_HOURS_LISTING = 6;
    static final int BUSINESS_FROM = 9;
    static final int BUSINESS_TO = 17;

    private static final Map<String, List<String>> KEYWORDS = Map.of(
            "photographer", List.of("wedding", "portrait"),
            "model", List.of("fashion", "editorial"),
            "stylist", List.of("bridal", "hair"),
            "studio", List.of("daylight", "cyclorama"));

    /** A funded, active campaign and who owns it. */
    record Listing(String campaignId, String label, String advertiserKey, String advertiserUserId, String entityId,
            String surface, String role, String city, String format, String pacing, long cpcCents,
            long dailyBudgetCents, List<String> keywords,
            boolean businessHours) {

        /**
         * The budget-day hours (bit h: hour h, UTC, the demo's budget zone and every city's) in which the listing may
         * serve on {@code day}: weekdays 09–17 for the business-hours listing, else every hour.
         */
        int scheduledHours(LocalDate day) {
            if (!businessHours) {
                return (1 << 24) - 1;
            }
            return day.getDayOfWeek().getValue() >= 6 ? 0 : ((1 << BUSINESS_TO) - 1) & ~((1 << BUSINESS_FROM) - 1);
        }

        /** The keyword targets that are not negatives. */
        List<String> positiveKeywords() {
            return keywords.stream().filter(k -> !k.startsWith("-")).toList();
        }

        /**
         * Whether a query of the demo (one keyword, "creative team" or empty) matches the keywords as promo does: a
         * positive one, if any, occurs in it, and no negative ({@code -"creative team"}) does.
         */
        boolean matches(String query) {
            String padded = " " + query + " ";
            boolean positive = positiveKeywords().isEmpty();
            for (String keyword : keywords) {
                boolean negative = keyword.startsWith("-");
                String words = keyword.replaceAll("^-|[\"\\[\\]]", "");
                boolean occurs = padded.contains(" " + words + " ");
                if (negative && occurs) {
                    return false;
                }
                positive |= !negative && occurs;
            }
            return positive;
        }
    }

    /** The search engine's side: which entities a search in a cell can match. */
    record Cell(String surface, String role, String city) {
        String key() {
            return surface + "/" + (role == null ? "-" : role) + "/" + city;
        }
    }

    private final DemoApi api;
    private final String adminKey;
    private final String serviceKey;
    private final Random random;
    private final List<Listing> listings = new ArrayList<>();
    private final Map<Cell, List<String>> catalog = new LinkedHashMap<>();

    /** @param serviceKey the marketplace's key, with which it registers who owns each entity (ADR 0017) */
    DemoMarketplace(DemoApi api, String adminKey, String serviceKey, Random random) {
        this.api = api;
        this.adminKey = adminKey;
        this.serviceKey = serviceKey;
        this.random = random;
    }

    List<Listing> listings() {
        return listings;
    }

    Map<Cell, List<String>> catalog() {
        return catalog;
    }

    static List<String> allKeywords() {
        return KEYWORDS.values().stream().flatMap(List::stream).toList();
    }

    /** Authors the marketplace for a budget day; answers the number of API calls it made. */
    int author(LocalDate day) {
        int calls = 0;
        long[] cityFloors = {40, 30, 25};
        for (int c = 0; c < CITIES.size(); c++) {
            String city = CITIES.get(c);
            calls += policy(PEOPLE, null, city, cityFloors[c], 3);
            calls += policy(STUDIOS, null, city, cityFloors[c] + 20, 2);
        }
        // A stricter floor for photographers in Berlin: a campaign priced for the city, not the role, is not
        // shown there (FLOOR in its diagnostics).
        calls += policy(PEOPLE, "photographer", "berlin", 60, 3);

        int number = 0;
        for (int c = 0; c < CITIES.size(); c++) {
            String city = CITIES.get(c);
            for (String role : ROLES) {
                calls += cell(new Cell(PEOPLE, role, city), cityFloors[c], day, number);
                number += CAMPAIGNS_PER_CELL;
            }
            calls += cell(new Cell(STUDIOS, null, city), cityFloors[c] + 20, day, number);
            number += CAMPAIGNS_PER_CELL;
        }
        return calls;
    }

    private int policy(String surface, String role, String city, long floorCents, int density) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("surface", surface);
        body.put("role", role);
        body.put("city", city);
        body.put("cpc_floor_cents", floorCents);
        body.put("max_density_top20", density);
        body.put("max_above_fold", 1);
        api.call("PUT", "/v1/policies", adminKey, body, 200);
        return 1;
    }

    private int cell(Cell cell, long floorCents, LocalDate day, int firstNumber) {
        String kind = cell.surface().equals(STUDIOS) ? "studio" : cell.role();
        List<String> entities = new ArrayList<>();
        for (int i = 1; i <= ENTITIES_PER_CELL; i++) {
            entities.add(String.format("%s_%s_%s_%03d", cell.surface().equals(STUDIOS) ? "std" : "srv",
                    cell.city(), kind, i));
        }
        catalog.put(cell, entities);
        int calls = 0;
        for (int i = 0; i < CAMPAIGNS_PER_CELL; i++) {
            int number = firstNumber + i;
            String entity = entities.get(i);
            // Prices from the floor up; the first photographer in Berlin sits below the role's stricter floor.
            long cpc = floorCents + 5 + 10L * random.nextInt(6);
            if (cell.city().equals("berlin") && "photographer".equals(cell.role())) {
                cpc = i == 0 ? 50 : 60 + 10L * random.nextInt(5);
            }
            long clicksPerDay = List.of(6L, 8L, 12L, 40L).get(number % 4);
            long dailyBudget = cpc * clicksPerDay;
            String format = i == 0 ? "featured" : "boosted";
            String pacing = number % 2 == 0 ? "even" : "accelerated";
            // Every fifth listing targets its kind's keywords; another fifth excludes the generic "creative team"
            // searches with a negative phrase.
            List<String> keywords = number % 5 == 4 ? KEYWORDS.get(kind)
                    : number % 5 == 2 ? List.of("-\"creative team\"") : List.of();
            boolean businessHours = number == BUSINESS_HOURS_LISTING;
            String label = String.format("#%02d %s %s %s%s", number + 1, cell.city(), kind, pacing,
                    businessHours ? " 9–17 weekdays" : "");

            String userId = String.format("usr_demo_%02d", number + 1);
            JsonNode advertiser = api.call("POST", "/v1/advertisers", adminKey,
                    Map.of("user_id", userId, "default_payment_id", "cus_" + userId + "/pm_card_visa"), 201);
            String key = advertiser.path("api_key").asText();

            String entityType = cell.surface().equals(STUDIOS) ? "studio" : "service_profile";
            // As a real marketplace does: only an entity registered to the advertiser's user may be promoted.
            api.call("PUT", "/v1/entities/" + entityType + "/" + entity, serviceKey, Map.of("owner_user_id", userId), 200);

            Map<String, Object> campaign = new LinkedHashMap<>();
            campaign.put("target_entity_type", entityType);
            campaign.put("target_entity_id", entity);
            campaign.put("name", label);
            campaign.put("surface", cell.surface());
            campaign.put("format", format);
            campaign.put("city_targets", List.of(cell.city()));
            campaign.put("keyword_targets", keywords);
            campaign.put("start_date", day.toString());
            campaign.put("end_date", null);
            campaign.put("cpc_cents", cpc);
            campaign.put("daily_budget_cents", dailyBudget);
            campaign.put("total_budget_cents", dailyBudget * 30);
            campaign.put("pacing_mode", pacing);
            if (businessHours) {
                campaign.put("schedule", List.of(Map.of("days", List.of("mon", "tue", "wed", "thu", "fri"),
                        "from_hour", BUSINESS_FROM, "to_hour", BUSINESS_TO)));
            }
            String campaignId = api.call("POST", "/v1/campaigns", key, campaign, 201).path("campaign_id").asText();
            long topUp = Math.max(500, dailyBudget * 2);
            api.call("POST", "/v1/campaigns/" + campaignId + "/topups", key,
                    Map.of("amount_cents", topUp, "idempotency_key", "demo-topup-" + (number + 1)), 200);
            api.call("POST", "/v1/campaigns/" + campaignId + "/activate", key, null, 200);
            calls += 5;
            listings.add(new Listing(campaignId, label, key, userId, entity, cell.surface(), cell.role(), cell.city(),
                    format, pacing, cpc, dailyBudget, keywords, businessHours));
        }
        return calls;
    }
}
