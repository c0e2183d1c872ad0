package io.promo.domain.serving.bench;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.advertiser.InMemoryAdvertiserRepository;
import io.promo.domain.campaign.AdSchedule;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.campaign.CityZones;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.FrequencyCap;
import io.promo.domain.campaign.InMemoryCampaignRepository;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.TargetEntityType;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.InMemoryBudgetLedger;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.pricing.InMemoryPolicyRepository;
import io.promo.domain.pricing.Policy;
import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.pricing.PricingMode;
import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.memory.FrequencyCapping;
import io.promo.domain.serving.memory.MemoryReadings;
import io.promo.domain.serving.memory.MemoryTokenCodec;
import io.promo.domain.serving.pacing.HourlyTrafficCounter;
import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.serving.ranking.CtrStatistics;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.LedgerEntryId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.PolicyId;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.UserId;
import io.promo.domain.traffic.MemoryTokenSeal;
import io.promo.domain.traffic.SigningKey;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A large marketplace in the in-memory adapters, for the benchmarks: {@code campaigns} active people-search
 * campaigns, each promoting its own service profile {@code srv_c<i>}, spread over {@code cities} cities (the
 * first, berlin, holds {@code campaignsInFirstCity} of them); 30 % featured, half even-paced, 30 % with 1–3
 * keywords out of 500, cpc 25–200¢, funded, 70 % with CTR history.
 */
final class BenchMarketplace {

    static final Instant NOW = Instant.parse("2026-12-10T14:30:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 10);
    static final CityCode BERLIN = new CityCode("berlin");
    static final PolicyLimits DEPLOYMENT_DEFAULT = new PolicyLimits(Money.ofCents(25), 2, 1);

    final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    final InMemoryPolicyRepository policies = new InMemoryPolicyRepository();
    final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(campaigns, advertisers);
    final Map<CampaignId, CtrCounts> ctr = new HashMap<>();
    private static final double CAPPED_SHARE = Double.parseDouble(System.getProperty("promo.bench.cappedShare", "0"));

    /**
     * {@code -Dpromo.bench.pricing=first_price} prices as before the second price, to measure what the auction costs;
     * {@code -Dpromo.bench.frequencyCap=3/24h}: every campaign under that deployment default, with the wiring's
     * memory-token codec (ADR 0034); off (the default) as before. {@code -Dpromo.bench.cappedShare=0.1}: that share of
     * the campaigns with a cap of their own (3 per 24 h), drawn from a random of its own, the others uncapped. With {@code -Dpromo.bench.schedules=true}, berlin
     * (the first city) is in its own zone, so that a decision there reads its local hour (ADR 0036); the other cities
     * are in the budget zone.
     */
    final ServingSettings settings = ServingSettings.defaults(DEPLOYMENT_DEFAULT, BudgetCalendar.UTC)
            .withPricingMode(PricingMode.parse("promo.bench.pricing", System.getProperty("promo.bench.pricing", "second_price")))
            .withFrequencyCapping(frequencyCapping(System.getProperty("promo.bench.frequencyCap", "off"), CAPPED_SHARE > 0))
            .withCityZones(Boolean.getBoolean("promo.bench.schedules") ? CityZones.parse("berlin=Europe/Berlin", ZoneOffset.UTC)
                    : CityZones.none(ZoneOffset.UTC));
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final HourlyTrafficCounter traffic = new HourlyTrafficCounter(BudgetCalendar.UTC, 8);
    final List<String> keywords = new ArrayList<>();
    final int campaignsInFirstCity;

    BenchMarketplace(int campaignCount, int cities, int campaignsInFirstCity, long seed) {
        this.campaignsInFirstCity = campaignsInFirstCity;
        Random random = new Random(seed);
        // -Dpromo.bench.matchTypes=true: the same marketplace, its keywords a third each broad, "phrase" and [exact],
        // and a third of all campaigns with a negative (drawn from a random of their own, so nothing else changes).
        boolean matchTypes = Boolean.getBoolean("promo.bench.matchTypes");
        Random typing = new Random(seed ^ 0x5EEDL);
        // -Dpromo.bench.schedules=true: a third of the campaigns with an ad schedule, about half of them in their
        // hours at NOW (thursday 14:30 UTC, 15:30 in berlin), from a random of their own as well.
        boolean schedules = Boolean.getBoolean("promo.bench.schedules");
        Random scheduling = new Random(seed ^ 0x5C4EDL);
        Random capping = new Random(seed ^ 0xCA9L);
        List<AdSchedule> someSchedules = List.of(
                AdSchedule.weekdays(9, 17),
                AdSchedule.weekdays(6, 12),
                AdSchedule.of(AdSchedule.Window.of(EnumSet.allOf(DayOfWeek.class), 12, 20)),
                AdSchedule.of(AdSchedule.Window.of(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), 0, 24)),
                AdSchedule.of(AdSchedule.Window.of(EnumSet.allOf(DayOfWeek.class), 18, 23),
                        AdSchedule.Window.of(EnumSet.range(DayOfWeek.MONDAY,
                                DayOfWeek.FRIDAY), 7, 16)));
        for (int k = 0; k < 500; k++) {
            keywords.add("kw" + k);
        }
        keywords.set(0, "wedding");
        keywords.set(1, "photographer");
        keywords.set(2, "wedding photographer");
        List<CityCode> cityCodes = new ArrayList<>();
        cityCodes.add(BERLIN);
        for (int c = 1; c < cities; c++) {
            cityCodes.add(new CityCode("city" + c));
        }
        for (CityCode city : cityCodes) {
            policies.upsert(new Policy(new PolicyId("ppol_" + city.value()), PolicyScope.cityWide(Surface.PEOPLE_SEARCH, city),
                    new PolicyLimits(Money.ofCents(25), 3, 1), NOW));
        }
        int advertiserCount = Math.max(1, campaignCount / 5);
        for (int a = 0; a < advertiserCount; a++) {
            advertisers.insert(new Advertiser(new AdvertiserId("padv_b" + a), new UserId("usr_b" + a), Optional.empty(),
                    AdvertiserStatus.ACTIVE, NOW, NOW));
        }
        for (int i = 0; i < campaignCount; i++) {
            List<CityCode> targets = new ArrayList<>();
            if (i < campaignsInFirstCity) {
                targets.add(BERLIN);
            } else {
                targets.add(cityCodes.get(1 + random.nextInt(Math.max(1, cities - 1))));
            }
            if (cities > 2 && random.nextInt(5) == 0) {
                CityCode extra = cityCodes.get(1 + random.nextInt(cities - 1));
                if (!targets.contains(extra)) {
                    targets.add(extra);
                }
            }
            List<String> campaignKeywords = new ArrayList<>();
            if (random.nextInt(10) < 3) {
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    campaignKeywords.add(keywords.get(random.nextInt(keywords.size())));
                }
            }
            if (matchTypes) {
                campaignKeywords.replaceAll(k -> switch (typing.nextInt(3)) {
                    case 0 -> k;
                    case 1 -> '"' + k + '"';
                    default -> '[' + k + ']';
                });
                if (typing.nextInt(3) == 0) {
                    campaignKeywords.add(typing.nextBoolean() ? "-cheap" : "-\"" + keywords.get(typing.nextInt(keywords.size())) + "\"");
                }
            }
            long cpc = 25 + random.nextInt(176);
            long daily = cpc * (20 + random.nextInt(200));
            CampaignSettings settings = new CampaignSettings("campaign " + i,
                    random.nextInt(10) < 3 ? Format.FEATURED : Format.BOOSTED, targets, campaignKeywords,
                    TODAY.minusDays(10), Optional.of(TODAY.plusDays(20)), Money.ofCents(cpc), Money.ofCents(daily),
                    Optional.empty(), random.nextBoolean() ? PacingMode.EVEN : PacingMode.ACCELERATED,
                    schedules && scheduling.nextInt(3) == 0 ? someSchedules.get(scheduling.nextInt(someSchedules.size()))
                            : AdSchedule.ALWAYS, Optional.empty());
            if (capping.nextDouble() < CAPPED_SHARE) {
                settings = settings.withFrequencyCap(Optional.of(new FrequencyCap(3, 24)));
            }
            CampaignId id = new CampaignId("pcmp_b" + i);
            campaigns.insert(new Campaign(id, new AdvertiserId("padv_b" + random.nextInt(advertiserCount)),
                    Surface.PEOPLE_SEARCH, new TargetEntity(TargetEntityType.SERVICE_PROFILE, "srv_c" + i), settings,
                    CampaignStatus.ACTIVE, NOW, NOW));
            ledger.record(new LedgerEntry(new LedgerEntryId("pble_b" + i), id, EntryKind.TOPUP,
                    Money.ofCents(1_000_000), new IdempotencyKey(IdempotencyKey.STRIPE, "pi_b" + i), Optional.empty(), NOW));
            if (random.nextInt(10) < 7) {
                long impressions = random.nextInt(50_000);
                ctr.put(id, new CtrCounts(impressions, (long) (impressions * 0.08 * random.nextDouble())));
            }
        }
    }

    ServingIndexRefresher refresher() {
        Map<CampaignId, CtrCounts> counts = Map.copyOf(ctr);
        CtrStatistics statistics = () -> counts;
        return new ServingIndexRefresher(campaigns, advertisers, policies, ledger, statistics, traffic, settings, clock);
    }

    /** @param codec whether campaigns have caps of their own, which need the codec without a deployment default */
    static FrequencyCapping frequencyCapping(String cap, boolean codec) {
        Optional<FrequencyCap> parsed = FrequencyCap.parseDefault(cap);
        if (parsed.isEmpty() && !codec) {
            return FrequencyCapping.OFF;
        }
        MemoryTokenSeal seal = new MemoryTokenSeal(
                List.of(SigningKey.active("k1", new byte[32])), new byte[32], Clock.fixed(NOW, ZoneOffset.UTC));
        return new FrequencyCapping(parsed, Optional.of(
                new MemoryTokenCodec(seal, new MemoryReadings())));
    }
}
