package io.promo.domain.serving;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.AdSchedule;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CityZones;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.pricing.Policy;
import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.pricing.PolicyResolver;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.serving.index.ServingData;
import io.promo.domain.serving.index.ServingIndex;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.index.SlotLayout;
import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.PolicyId;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.UserId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Random but valid marketplaces for the property tests: any policies, fold sizes and slot anchors, campaigns in
 * every status with any budgets and keywords, and any organic list. Everything follows from one seed.
 */
final class RandomMarketplace {

    static final CityCode BERLIN = new CityCode("berlin");
    static final CityCode PARIS = new CityCode("paris");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 10);
    private static final List<String> WORDS = List.of("portrait", "wedding", "photographer", "studio", "fashion",
            "model", "headshot", "berlin", "family", "event");
    private static final List<RoleCode> ROLES = List.of(new RoleCode("photographer"), new RoleCode("model"));

    final Random random;
    /** Draws the ad schedules: apart from {@link #random}, so that a seed's marketplace is otherwise as before. */
    private final Random schedules;
    /** Berlin in its own zone, paris (unlisted) in the budget zone, UTC (ADR 0036). */
    static final CityZones ZONES = CityZones.parse("berlin=Europe/Berlin", java.time.ZoneOffset.UTC);
    final Instant now;
    final ServingSettings settings;
    final List<Campaign> campaigns = new ArrayList<>();
    final List<Advertiser> advertisers = new ArrayList<>();
    final List<Policy> policies = new ArrayList<>();
    final Map<CampaignId, BudgetState> budgets = new HashMap<>();
    final Map<CampaignId, CtrCounts> ctr = new HashMap<>();
    final List<String> universe = new ArrayList<>();
    final ServingIndex index;
    /** Every campaign has its own click history, so that scores almost never tie (the pricing tests' oracle). */
    private final boolean ownCtr;

    RandomMarketplace(long seed) {
        this(seed, false);
    }

    RandomMarketplace(long seed, boolean ownCtr) {
        this.ownCtr = ownCtr;
        random = new Random(seed);
        schedules = new Random(seed * 31 + 7);
        now = BudgetCalendar.UTC.startOf(TODAY).plusMillis((long) (random.nextDouble() * 86_400_000L));
        int fold = random.nextInt(9);
        PolicyLimits deploymentDefault = limits();
        settings = ServingSettings.defaults(deploymentDefault, BudgetCalendar.UTC)
                .withLayout(Surface.PEOPLE_SEARCH, random.nextBoolean() ? SlotLayout.standard(fold) : randomLayout(fold))
                .withMaxSlotsPerAdvertiser(List.of(1, 2, 3, 20).get(random.nextInt(4)))
                .withCityZones(ZONES);
        for (CityCode city : List.of(BERLIN, PARIS)) {
            if (random.nextBoolean()) {
                policies.add(policy(Optional.empty(), city));
            }
            for (RoleCode role : ROLES) {
                if (random.nextInt(3) == 0) {
                    policies.add(policy(Optional.of(role), city));
                }
            }
        }
        int advertiserCount = 1 + random.nextInt(6);
        for (int a = 0; a < advertiserCount; a++) {
            AdvertiserStatus status = random.nextInt(5) == 0
                    ? AdvertiserStatus.values()[random.nextInt(AdvertiserStatus.values().length)] : AdvertiserStatus.ACTIVE;
            advertisers.add(new Advertiser(new AdvertiserId("padv_r" + a), new UserId("usr_r" + a), Optional.empty(),
                    status, now, now));
        }
        int entities = 1 + random.nextInt(random.nextInt(4) == 0 ? 300 : 60);
        for (int e = 0; e < entities; e++) {
            universe.add("srv_e" + e);
        }
        if (random.nextInt(3) == 0) {
            // Ids with one String.hashCode ("Aa" and "BB" collide), which share an entry of the index.
            universe.addAll(List.of("srv_AaAa", "srv_AaBB", "srv_BBAa", "srv_BBBB"));
        }
        int campaignCount = random.nextInt(random.nextInt(4) == 0 ? 200 : 60);
        for (int c = 0; c < campaignCount; c++) {
            addCampaign(c);
        }
        index = ServingIndex.build(now, settings, new ServingData(campaigns, advertisers, policies, budgets, ctr, Map.of()));
    }

    /** A search on people search in (mostly) berlin, with a random organic list drawn from the entity universe. */
    DecisionRequest search() {
        List<String> shuffled = new ArrayList<>(universe);
        Collections.shuffle(shuffled, random);
        int matches = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(shuffled.size());
        List<String> organic = new ArrayList<>(shuffled.subList(0, matches));
        // Entities nobody promotes, too, as in a real result list.
        for (int i = random.nextInt(20); i > 0; i--) {
            organic.add(random.nextInt(organic.size() + 1), "srv_plain" + i);
        }
        if (organic.size() > DecisionRequest.MAX_ORGANIC_MATCHES) {
            organic = organic.subList(0, DecisionRequest.MAX_ORGANIC_MATCHES);
        }
        int pageSize = random.nextInt(4) == 0 ? 1 + random.nextInt(DecisionRequest.MAX_PAGE_SIZE) : 1 + random.nextInt(25);
        Optional<RoleCode> role = random.nextBoolean() ? Optional.of(ROLES.get(random.nextInt(ROLES.size()))) : Optional.empty();
        return new DecisionRequest(Surface.PEOPLE_SEARCH, role, random.nextInt(10) == 0 ? PARIS : BERLIN, query(),
                Viewer.anonymous("fp" + random.nextInt(1000)), pageSize, organic);
    }

    private String query() {
        StringBuilder query = new StringBuilder();
        for (int w = random.nextInt(5); w > 0; w--) {
            String word = WORDS.get(random.nextInt(WORDS.size()));
            query.append(random.nextInt(4) == 0 ? word.toUpperCase() : word).append(random.nextInt(5) == 0 ? "  " : " ");
        }
        return query.toString();
    }

    /**
     * No schedule for three campaigns in four; else one to three windows, their hours often starting or ending at the
     * hour of {@link #now} in UTC or berlin, so that the edges are hit.
     */
    private AdSchedule schedule() {
        if (schedules.nextInt(4) != 0) {
            return AdSchedule.ALWAYS;
        }
        List<AdSchedule.Window> windows = new ArrayList<>();
        for (int w = 1 + schedules.nextInt(3); w > 0; w--) {
            java.util.EnumSet<java.time.DayOfWeek> days = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
            for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
                if (schedules.nextInt(3) > 0) {
                    days.add(day);
                }
            }
            if (days.isEmpty()) {
                days.add(java.time.DayOfWeek.THURSDAY);
            }
            int nowHour = now.atZone(schedules.nextBoolean() ? java.time.ZoneOffset.UTC : ZONES.zoneOf(BERLIN)).getHour();
            int from;
            int to;
            switch (schedules.nextInt(3)) {
                case 0 -> {
                    from = nowHour;
                    to = from + 1 + schedules.nextInt(24 - from);
                }
                case 1 -> {
                    to = Math.max(1, nowHour);
                    from = schedules.nextInt(to);
                }
                default -> {
                    from = schedules.nextInt(24);
                    to = from + 1 + schedules.nextInt(24 - from);
                }
            }
            windows.add(AdSchedule.Window.of(days, from, to));
        }
        return new AdSchedule(windows);
    }

    /** The words as a broad, "phrase" or [exact] target, at random. */
    private String typed(String words) {
        return switch (random.nextInt(3)) {
            case 0 -> words;
            case 1 -> '"' + words + '"';
            default -> '[' + words + ']';
        };
    }

    /**
     * ADR 0036 the slow way, for the references: whether {@code schedule} covers {@code at} in {@code city}'s local
     * time, by java.time.
     */
    static boolean referenceScheduleCovers(AdSchedule schedule, CityCode city, Instant at) {
        java.time.ZonedDateTime local = at.atZone(ZONES.zoneOf(city));
        return schedule.windows().isEmpty() || schedule.windows().stream().anyMatch(window ->
                window.days().contains(local.getDayOfWeek()) && local.getHour() >= window.fromHour()
                        && local.getHour() < window.toHour());
    }

    /**
     * Even pacing's F at {@code now} for {@code settings}, the slow way: the uniform curve restricted to the budget
     * hours of TODAY (UTC) at whose middle the schedule covers one of the campaign's cities; F itself without a
     * schedule or with no such hour.
     */
    static double referencePacingShare(CampaignSettings settings, Instant start, Instant now) {
        double hours = java.time.Duration.between(start, now).toMillis() / 3_600_000.0;
        double uniform = Math.max(0, Math.min(1, hours / 24));
        if (settings.schedule().isAlways()) {
            return uniform;
        }
        int on = 0;
        double before = 0;
        for (int h = 0; h < 24; h++) {
            Instant middle = start.plusSeconds(h * 3600L + 1800);
            boolean scheduled = false;
            for (CityCode city : settings.cityTargets()) {
                scheduled |= referenceScheduleCovers(settings.schedule(), city, middle);
            }
            if (scheduled) {
                on++;
                before += Math.max(0, Math.min(1, hours - h));
            }
        }
        return on == 0 ? uniform : before / on;
    }

    private void addCampaign(int c) {
        CampaignId id = new CampaignId("pcmp_r" + c);
        Advertiser advertiser = advertisers.get(random.nextInt(advertisers.size()));
        String entity = universe.get(random.nextInt(universe.size()));
        long cpc = 1 + random.nextInt(random.nextBoolean() ? 120 : 10);
        long daily = cpc * (1 + random.nextInt(40));
        Optional<Money> total = random.nextBoolean() ? Optional.empty() : Optional.of(Money.ofCents(daily * (1 + random.nextInt(5))));
        List<CityCode> cities = switch (random.nextInt(4)) {
            case 0 -> List.of(PARIS);
            case 1 -> List.of(BERLIN, PARIS);
            default -> List.of(BERLIN);
        };
        List<String> keywords = new ArrayList<>();
        if (random.nextBoolean()) {
            for (int k = 1 + random.nextInt(2); k > 0; k--) {
                String keyword = WORDS.get(random.nextInt(WORDS.size()));
                keywords.add(typed(random.nextInt(4) == 0 ? keyword + " " + WORDS.get(random.nextInt(WORDS.size())) : keyword));
            }
        }
        if (random.nextInt(3) == 0) {
            String negative = WORDS.get(random.nextInt(WORDS.size()));
            keywords.add("-" + typed(random.nextBoolean() ? negative : negative + " " + WORDS.get(random.nextInt(WORDS.size()))));
        }
        LocalDate start = TODAY.plusDays(random.nextInt(10) == 0 ? 1 : -random.nextInt(30));
        Optional<LocalDate> end = random.nextInt(3) == 0 ? Optional.empty()
                : Optional.of(start.plusDays(random.nextInt(10) == 0 ? 0 : random.nextInt(60)));
        CampaignSettings settings = new CampaignSettings("campaign " + c,
                random.nextBoolean() ? Format.FEATURED : Format.BOOSTED, cities, keywords, start, end, Money.ofCents(cpc),
                Money.ofCents(daily), total, random.nextBoolean() ? PacingMode.EVEN : PacingMode.ACCELERATED, schedule(),
                Optional.empty());
        CampaignStatus status = random.nextInt(4) == 0
                ? CampaignStatus.values()[random.nextInt(CampaignStatus.values().length)] : CampaignStatus.ACTIVE;
        campaigns.add(new Campaign(id, advertiser.id(), Surface.PEOPLE_SEARCH,
                ServingFixture.profile(entity), settings, status, now, now));
        long spentToday = random.nextInt(3) == 0 ? (long) (random.nextDouble() * daily) : 0;
        long spentTotal = spentToday + (total.isPresent() ? (long) (random.nextDouble() * (total.get().cents() - spentToday)) : random.nextInt(10_000));
        long balance = random.nextInt(6) == 0 ? random.nextInt((int) cpc + 1) : random.nextInt(100_000);
        budgets.put(id, new BudgetState(Money.ofCents(balance), Money.ofCents(spentToday), Money.ofCents(spentTotal), TODAY));
        if (ownCtr) {
            long impressions = 1 + random.nextInt(1_000_000);
            ctr.put(id, new CtrCounts(impressions, (long) (impressions * random.nextDouble() * 0.1)));
        } else if (random.nextBoolean()) {
            long impressions = random.nextInt(20_000);
            ctr.put(id, new CtrCounts(impressions, (long) (impressions * random.nextDouble() * 0.1)));
        }
    }

    private Policy policy(Optional<RoleCode> role, CityCode city) {
        return new Policy(new PolicyId("ppol_r" + policies.size()), new PolicyScope(Surface.PEOPLE_SEARCH, role, city),
                limits(), now);
    }

    private PolicyLimits limits() {
        int density = random.nextInt(5) == 0 ? random.nextInt(PolicyLimits.TOP + 1) : random.nextInt(5);
        int aboveFold = random.nextInt(density + 1);
        return new PolicyLimits(Money.ofCents(random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(10)), density,
                aboveFold);
    }

    private SlotLayout randomLayout(int fold) {
        List<Integer> below = new ArrayList<>();
        for (int position = fold + 1; position <= SlotLayout.TOP; position++) {
            below.add(position);
        }
        Collections.shuffle(below, random);
        return new SlotLayout(fold, below.subList(0, random.nextInt(Math.min(6, below.size()) + 1)));
    }

    private Map<String, Campaign> campaignsById;
    private Map<AdvertiserId, Advertiser> advertisersById;
    private PolicyResolver resolver;

    Map<String, Campaign> campaignsById() {
        if (campaignsById == null) {
            campaignsById = new HashMap<>();
            campaigns.forEach(c -> campaignsById.put(c.id().value(), c));
        }
        return campaignsById;
    }

    Advertiser advertiser(AdvertiserId id) {
        if (advertisersById == null) {
            advertisersById = new HashMap<>();
            advertisers.forEach(a -> advertisersById.put(a.id(), a));
        }
        return advertisersById.get(id);
    }

    PolicyResolver resolver() {
        if (resolver == null) {
            resolver = new PolicyResolver(policies, settings.deploymentDefault());
        }
        return resolver;
    }
}
