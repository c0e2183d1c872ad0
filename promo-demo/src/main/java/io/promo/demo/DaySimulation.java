package io.promo.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.promo.demo.DemoMarketplace.Cell;
import io.promo.demo.DemoMarketplace.Listing;
import io.promo.domain.serving.pacing.HourlyCounts;
import io.promo.domain.serving.pacing.HourlyTrafficCounter;
import io.promo.domain.serving.pacing.HourlyTrafficCurve;
import io.promo.domain.serving.pacing.PacingSettings;
import io.promo.domain.serving.pacing.TrafficCurve;
import io.promo.domain.serving.pacing.TrafficRecorder;
import io.promo.domain.serving.pacing.TrafficScope;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Surface;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;

/**
 * One budget day of searches and clicks sent through the HTTP API in order, the clock moved forward before
 * each request, so that a day takes seconds. Traffic follows a daily curve with a lunch bump and an evening
 * peak; some clicks are invalid on purpose: bots, double clicks, tampered and expired tokens, self-clicks and
 * a click farm on one ip.
 */
final class DaySimulation {

    private static final String BOT_AGENT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final String BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    private static final String FARM_IP = "198.51.100.66";
    private static final int FARM_SEARCHES = 60;
    private static final Duration EXPIRED_DELAY = Duration.ofMinutes(40);

    private final DemoApi api;
    private final String serviceKey;
    private final SettableClock clock;
    private final Runnable refreshIndex;
    private final DemoMarketplace market;
    private final Random random;
    private final int searchesPerDay;

    private final Map<String, Listing> listingsByCampaign = new HashMap<>();
    private final PriorityQueue<LateClick> lateClicks = new PriorityQueue<>();
    private final PriorityQueue<PendingConversion> conversions = new PriorityQueue<>();
    private final ConversionCounts conversionCounts = new ConversionCounts();
    private String currency = "USD";
    private long nextConversion;
    private final Map<String, Long> invalidByReasonSeen = new TreeMap<>();
    private final Map<String, Long> unattributedByReasonSeen = new TreeMap<>();
    private final Map<String, Opportunities> opportunities = new HashMap<>();
    private long sponsoredSlots;
    private long clicksAttempted;
    private long searches;

    DaySimulation(DemoApi api, String serviceKey, SettableClock clock, Runnable refreshIndex, DemoMarketplace market,
            Random random, int searchesPerDay) {
        this.api = api;
        this.serviceKey = serviceKey;
        this.clock = clock;
        this.refreshIndex = refreshIndex;
        this.market = market;
        this.random = random;
        this.searchesPerDay = searchesPerDay;
        for (Listing listing : market.listings()) {
            listingsByCampaign.put(listing.campaignId(), listing);
        }
    }

    /** The share of a day's searches in each hour: quiet nights, a lunch bump and an evening peak. */
    static double[] hourlyWeights() {
        double[] weights = new double[24];
        double sum = 0;
        for (int hour = 0; hour < 24; hour++) {
            double middle = hour + 0.5;
            weights[hour] = 0.15 + Math.exp(-Math.pow(middle - 20.5, 2) / 6) + 0.6 * Math.exp(-Math.pow(middle - 13, 2) / 5);
            sum += weights[hour];
        }
        for (int hour = 0; hour < 24; hour++) {
            weights[hour] /= sum;
        }
        return weights;
    }

    /**
     * How many of {@code searchesPerDay} searches each hour of the day gets, following {@link #hourlyWeights()}:
     * every hour its share rounded down, then the searches rounding left over to the hours with the largest
     * remainders, so that the day holds exactly the searches announced (rounding each hour lost or added some).
     */
    static int[] searchesByHour(int searchesPerDay) {
        double[] weights = hourlyWeights();
        int[] searches = new int[24];
        double[] remainders = new double[24];
        int planned = 0;
        for (int hour = 0; hour < 24; hour++) {
            double exact = weights[hour] * searchesPerDay;
            searches[hour] = (int) Math.floor(exact);
            remainders[hour] = exact - searches[hour];
            planned += searches[hour];
        }
        List<Integer> hoursByRemainder = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            hoursByRemainder.add(hour);
        }
        hoursByRemainder.sort((a, b) -> Double.compare(remainders[b], remainders[a]));
        for (int i = 0; planned < searchesPerDay; i++, planned++) {
            searches[hoursByRemainder.get(i)]++;
        }
        return searches;
    }

    /**
     * Last week's searches, as the search service would have sent them, told to promo's traffic counter so that
     * even pacing follows the daily curve from the first hour (it learns F from complete past days).
     */
    static void recordLastWeek(TrafficRecorder traffic, LocalDate day, int searchesPerDay) {
        int[] searchesByHour = searchesByHour(searchesPerDay);
        for (int daysBack = 7; daysBack >= 1; daysBack--) {
            Instant midnight = day.minusDays(daysBack).atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int hour = 0; hour < 24; hour++) {
                long inHour = searchesByHour[hour];
                for (long i = 0; i < inHour; i++) {
                    Instant at = midnight.plusSeconds(hour * 3600L + i * 3600L / Math.max(1, inHour));
                    for (int c = 0; c < DemoMarketplace.CITIES.size(); c++) {
                        if (i % 100 < Math.round(DemoMarketplace.CITY_WEIGHTS[c] * 100)) {
                            CityCode city = CityCode.parse("city", DemoMarketplace.CITIES.get(c));
                            traffic.recordSearch(Surface.parse("surface", DemoMarketplace.PEOPLE), city, at);
                            traffic.recordSearch(Surface.parse("surface", DemoMarketplace.STUDIOS), city, at);
                        }
                    }
                }
            }
        }
    }

    /** The deployment's currency, which a booking's value is sent in. */
    DaySimulation currency(String isoCode) {
        this.currency = isoCode;
        return this;
    }

    /** What the marketplace reported after the clicks: conversions sent, late, duplicated, and how promo answered. */
    ConversionCounts conversions() {
        return conversionCounts;
    }

    /** The day, hour by hour; {@code progress} hears of each hour done. */
    Totals run(LocalDate day, ProgressBar progress) {
        int[] searchesByHour = searchesByHour(searchesPerDay);
        Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant farmHour = midnight.plus(Duration.ofHours(15));
        for (int hour = 0; hour < 24; hour++) {
            Instant hourStart = midnight.plus(Duration.ofHours(hour));
            int inHour = searchesByHour[hour];
            for (int i = 0; i < inHour; i++) {
                boolean clickFarm = hourStart.equals(farmHour) && i < FARM_SEARCHES;
                // The farm's searches come half a second apart, so its clicks burst past the per-ip limit.
                Instant at = clickFarm ? hourStart.plusMillis(i * 500L) : hourStart.plusMillis(i * 3_600_000L / inHour);
                sendLateClicksDueBy(at);
                sendConversionsDueBy(at);
                clock.set(at);
                refreshIndex.run();
                search(at, clickFarm);
            }
            progress.show(hour + 1, "hour " + (hour + 1) + "/24");
        }
        sendLateClicksDueBy(midnight.plus(Duration.ofHours(24)).minusSeconds(1));
        sendConversionsDueBy(midnight.plus(Duration.ofHours(24)).minusSeconds(1));
        return new Totals(searches, sponsoredSlots, invalidByReasonSeen, unattributedByReasonSeen, opportunities);
    }

    /**
     * @param invalidClicksByReason      every invalid click, by the reason its answer gave
     * @param unattributedInvalidClicks  of those, the clicks on tokens the demo tampered with: no campaign can be known
     * @param opportunitiesByCampaign    by campaign id, the searches it targeted and could be shown in
     */
    record Totals(long searches, long sponsoredSlots, Map<String, Long> invalidClicksByReason,
            Map<String, Long> unattributedInvalidClicks, Map<String, Opportunities> opportunitiesByCampaign) {

        Opportunities opportunities(String campaignId) {
            return opportunitiesByCampaign.getOrDefault(campaignId, new Opportunities());
        }
    }

    /** Searches sent that a campaign targets (surface, role, city, keywords), and those whose matches held its entity. */
    static final class Opportunities {
        private long matching;
        private long withItsEntity;

        long matchingSearches() {
            return matching;
        }

        long searchesWithItsEntity() {
            return withItsEntity;
        }
    }

    private void search(Instant at, boolean clickFarm) {
        List<Cell> cells = new ArrayList<>(market.catalog().keySet());
        boolean people = random.nextDouble() < 0.75;
        String city = pickCity();
        String role = people ? DemoMarketplace.ROLES.get(random.nextInt(DemoMarketplace.ROLES.size())) : null;
        Cell cell = cells.stream().filter(candidate -> candidate.city().equals(city)
                && candidate.surface().equals(people ? DemoMarketplace.PEOPLE : DemoMarketplace.STUDIOS)
                && java.util.Objects.equals(candidate.role(), role)).findFirst().orElseThrow();
        Viewer viewer = randomViewer();
        String ip = clickFarm ? FARM_IP : randomIp();

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("surface", cell.surface());
        request.put("role", role);
        request.put("city", city);
        request.put("query", randomQuery());
        request.put("viewer", viewer.json());
        request.put("client", Map.of("ip", ip, "user_agent", BROWSER_AGENT));
        request.put("page_size", 20);
        List<String> organic = organicMatches(cell);
        request.put("organic_matches", organic);
        JsonNode page = api.call("POST", "/v1/decisions", serviceKey, request, 200);
        searches++;
        countOpportunities(cell, (String) request.get("query"), organic);

        for (JsonNode result : page.path("results")) {
            if (!result.path("sponsored").asBoolean()) {
                continue;
            }
            sponsoredSlots++;
            String token = result.path("click_token").asText();
            if (clickFarm) {
                click(token, new Viewer(null, "fp_farm_" + random.nextInt(1_000_000)), FARM_IP, BROWSER_AGENT);
                continue;
            }
            boolean featured = "featured".equals(result.path("format").asText());
            double clickChance = (featured ? 0.16 : 0.09) / (1 + 0.08 * (result.path("position").asInt() - 1));
            if (random.nextDouble() < clickChance) {
                clickAsSomeoneMight(token, viewer, ip, result.path("campaign_id").asText(), at);
            }
        }
    }

    /**
     * The demo's own knowledge of the search it sent: a keyword-targeted listing matches only a query that is one of
     * its keywords, since the demo's queries are a single keyword, "creative team" or empty; one with the negative
     * {@code -"creative team"} every query but that one.
     */
    private void countOpportunities(Cell cell, String query, List<String> organic) {
        for (Listing listing : market.listings()) {
            boolean inCell = listing.surface().equals(cell.surface()) && listing.city().equals(cell.city())
                    && java.util.Objects.equals(listing.role(), cell.role());
            if (inCell && listing.matches(query)) {
                Opportunities counts = opportunities.computeIfAbsent(listing.campaignId(), id -> new Opportunities());
                counts.matching++;
                if (organic.contains(listing.entityId())) {
                    counts.withItsEntity++;
                }
            }
        }
    }

    /**
     * Mostly honest clicks, and in every hundred: 3 from a bot, 4 double clicks, a tampered token, one sent too late
     * and a self-click. A fixed pattern rather than dice, so that even a short day has some of each.
     */
    private void clickAsSomeoneMight(String token, Viewer viewer, String ip, String campaignId, Instant at) {
        int kind = (int) (clicksAttempted++ % 100);
        if (kind < 3) {
            click(token, viewer, ip, BOT_AGENT);
        } else if (kind < 7) {
            click(token, viewer, ip, BROWSER_AGENT);
            click(token, viewer, ip, BROWSER_AGENT); // the double click
        } else if (kind < 8) {
            click(tamper(token), viewer, ip, BROWSER_AGENT, true);
        } else if (kind < 9) {
            lateClicks.add(new LateClick(at.plus(EXPIRED_DELAY), token, viewer, ip));
        } else if (kind < 10) {
            Listing own = listingsByCampaign.get(campaignId);
            click(token, new Viewer(own.advertiserUserId(), null), ip, BROWSER_AGENT);
        } else {
            convertPerhaps(click(token, viewer, ip, BROWSER_AGENT), listingsByCampaign.get(campaignId), viewer, at);
        }
    }

    /**
     * The searcher, having clicked, may inquire or book on the marketplace at the rates of the listing's role, some
     * minutes later. The marketplace reports it mostly with the click's id, otherwise with the viewer and the entity;
     * one in five reports arrives hours late (by the day's end at the latest) and one in twenty twice.
     */
    private void convertPerhaps(JsonNode clicked, Listing listing, Viewer viewer, Instant at) {
        if (!"click".equals(clicked.path("type").asText())) {
            return;
        }
        Rates rates = Rates.of(listing.role());
        double roll = random.nextDouble();
        boolean booking = roll < rates.booking();
        if (!booking && roll >= rates.booking() + rates.inquiry()) {
            return;
        }
        Instant endOfDay = at.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                .minusSeconds(1);
        Instant occurred = min(at.plusSeconds(60 + random.nextInt(40 * 60)), endOfDay);
        boolean late = random.nextDouble() < 0.2;
        Instant due = late ? min(occurred.plus(Duration.ofMinutes(60 + random.nextInt(7 * 60))), endOfDay) : occurred;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversion_id", "cnv_" + (++nextConversion));
        body.put("type", booking ? "booking" : "inquiry");
        if (booking) {
            body.put("value_cents", Math.round(rates.bookingCents() * (0.6 + 0.8 * random.nextDouble()) / 100) * 100);
            body.put("currency", currency);
        }
        body.put("occurred_at", occurred.toString());
        if (random.nextDouble() < 0.7) {
            body.put("click_id", clicked.path("event_id").asText());
        } else {
            body.put("viewer", viewer.json());
            body.put("entity_type", DemoMarketplace.STUDIOS.equals(listing.surface()) ? "studio" : "service_profile");
            body.put("entity_id", listing.entityId());
        }
        conversions.add(new PendingConversion(due, nextConversion, body, false, late));
        if (random.nextDouble() < 0.05) {
            conversions.add(new PendingConversion(min(due.plus(Duration.ofMinutes(10)), endOfDay), nextConversion, body, true, late));
        }
    }

    private void sendConversionsDueBy(Instant at) {
        while (!conversions.isEmpty() && !conversions.peek().due().isAfter(at)) {
            PendingConversion conversion = conversions.poll();
            if (conversion.due().isAfter(clock.instant())) {
                clock.set(conversion.due());
            }
            JsonNode answer = api.call("POST", "/v1/conversions", serviceKey, conversion.body(), conversion.duplicate() ? 200 : 201);
            conversionCounts.sent++;
            if (conversion.duplicate()) {
                conversionCounts.duplicates++;
            } else {
                conversionCounts.late += conversion.late() ? 1 : 0;
                conversionCounts.attributed += "attributed".equals(answer.path("attribution").asText()) ? 1 : 0;
            }
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private JsonNode click(String token, Viewer viewer, String ip, String userAgent) {
        return click(token, viewer, ip, userAgent, false);
    }

    /** @param tampered whether the demo broke the token's signature: then no campaign can be known for the click */
    private JsonNode click(String token, Viewer viewer, String ip, String userAgent, boolean tampered) {
        JsonNode clicked = api.call("POST", "/v1/clicks", serviceKey,
                Map.of("click_token", token, "viewer", viewer.json(), "client", Map.of("ip", ip, "user_agent", userAgent)),
                200);
        if ("invalid_click".equals(clicked.path("type").asText())) {
            String reason = clicked.path("reason").asText();
            invalidByReasonSeen.merge(reason, 1L, Long::sum);
            if (tampered) {
                unattributedByReasonSeen.merge(reason, 1L, Long::sum);
            }
        }
        return clicked;
    }

    private void sendLateClicksDueBy(Instant at) {
        while (!lateClicks.isEmpty() && !lateClicks.peek().due().isAfter(at)) {
            LateClick late = lateClicks.poll();
            clock.set(late.due());
            click(late.token(), late.viewer(), late.ip(), BROWSER_AGENT);
        }
    }

    private static String tamper(String token) {
        int at = token.length() / 2;
        char flipped = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + flipped + token.substring(at + 1);
    }

    private String pickCity() {
        double roll = random.nextDouble();
        for (int c = 0; c < DemoMarketplace.CITIES.size(); c++) {
            roll -= DemoMarketplace.CITY_WEIGHTS[c];
            if (roll < 0) {
                return DemoMarketplace.CITIES.get(c);
            }
        }
        return DemoMarketplace.CITIES.get(0);
    }

    /** The search engine's ranked matches: a random share of the cell, the advertised listings most often among them. */
    private List<String> organicMatches(Cell cell) {
        List<String> entities = new ArrayList<>(market.catalog().get(cell));
        Collections.shuffle(entities, random);
        int size = 20 + random.nextInt(entities.size() - 20);
        List<String> matches = new ArrayList<>(entities.subList(0, size));
        for (String advertised : market.catalog().get(cell).subList(0, DemoMarketplace.CAMPAIGNS_PER_CELL)) {
            if (!matches.contains(advertised) && random.nextDouble() < 0.5) {
                matches.add(random.nextInt(matches.size()), advertised);
            }
        }
        return matches;
    }

    private String randomQuery() {
        if (random.nextDouble() < 0.6) {
            return "";
        }
        List<String> words = DemoMarketplace.allKeywords();
        return random.nextDouble() < 0.7 ? words.get(random.nextInt(words.size())) : "creative team";
    }

    private Viewer randomViewer() {
        if (random.nextDouble() < 0.3) {
            return new Viewer(String.format("usr_viewer_%04d", random.nextInt(600)), null);
        }
        return new Viewer(null, String.format("fp_%06d", random.nextInt(5_000)));
    }

    private String randomIp() {
        String[] networks = {"203.0.113.", "192.0.2.", "198.51.100."};
        return networks[random.nextInt(networks.length)] + (1 + random.nextInt(250));
    }

    /** A viewer as the API takes it: a signed-in user, or an anonymous fingerprint. */
    private record Viewer(String userId, String fingerprint) {
        Map<String, String> json() {
            return userId != null ? Map.of("user_id", userId) : Map.of("anon_fingerprint", fingerprint);
        }
    }

    /**
     * How a click on a listing of a role turns into business, per valid click: the chance of an inquiry, of a booking,
     * and a booking's typical value in cents. Models book at the highest fees, studios by the hour.
     */
    private record Rates(double inquiry, double booking, long bookingCents) {
        static Rates of(String role) {
            if (role == null) {
                return new Rates(0.06, 0.05, 12_000);
            }
            return switch (role) {
                case "photographer" -> new Rates(0.12, 0.03, 30_000);
                case "model" -> new Rates(0.08, 0.02, 45_000);
                default -> new Rates(0.10, 0.04, 18_000);
            };
        }
    }

    /** A conversion report the marketplace will send at {@code due}: by time, then report, the original before its repeat. */
    record PendingConversion(Instant due, long order, Map<String, Object> body, boolean duplicate, boolean late)
            implements Comparable<PendingConversion> {
        @Override
        public int compareTo(PendingConversion other) {
            int byDue = due.compareTo(other.due);
            if (byDue != 0) {
                return byDue;
            }
            int byOrder = Long.compare(order, other.order);
            return byOrder != 0 ? byOrder : Boolean.compare(duplicate, other.duplicate);
        }
    }

    /** What the marketplace sent: every report, the late ones, the repeated ones (answered 200), the attributed ones. */
    static final class ConversionCounts {
        long sent;
        long late;
        long duplicates;
        long attributed;

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%,d conversion reports sent (%,d late, %,d %s answered"
                    + " with the stored conversion); %,d attributed to a billed click", sent, late, duplicates,
                    duplicates == 1 ? "duplicate" : "duplicates", attributed);
        }
    }

    private record LateClick(Instant due, String token, Viewer viewer, String ip) implements Comparable<LateClick> {
        @Override
        public int compareTo(LateClick other) {
            return due.compareTo(other.due);
        }
    }

    /**
     * F(end of each hour) the engine paces by for a listing's surface and city, learned as it learns it; for the
     * business-hours listing, restricted to its scheduled hours (ADR 0036).
     */
    static double[] expectedShareByHour(HourlyTrafficCounter traffic, LocalDate day, Listing listing) {
        Map<TrafficScope, HourlyCounts> history = traffic.hourlySearches(day.minusDays(PacingSettings.DEFAULT.historyDays()),
                day.minusDays(1));
        HourlyCounts counts = history.get(new TrafficScope(Surface.parse("surface", listing.surface()),
                CityCode.parse("city", listing.city())));
        TrafficCurve curve = counts == null ? TrafficCurve.uniform() : HourlyTrafficCurve.learn(counts, PacingSettings.DEFAULT);
        double[] shares = new double[24];
        for (int hour = 0; hour < 24; hour++) {
            shares[hour] = curve.cumulativeShare(listing.scheduledHours(day), hour + 1);
        }
        return shares;
    }
}
