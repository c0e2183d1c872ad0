package io.promo.domain.serving.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.AdSchedule;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.FrequencyCap;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.serving.DecideAdPage;
import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.Seeds;
import io.promo.domain.serving.SequentialIds;
import io.promo.domain.serving.ServingFixture;
import io.promo.domain.serving.Viewer;
import io.promo.domain.serving.pacing.HourlyTrafficCounter;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The incremental refresh (ADR 0038) on the in-memory adapter: a change is served after one refresh that read only the
 * changes, and what it serves is what a rebuild from every row serves.
 */
class IncrementalServingRefreshTest {

    private static final Instant NOW = Instant.parse("2026-12-10T10:15:00Z");
    private static final Duration FULL_EVERY = Duration.ofMinutes(10);

    private final ServingFixture fixture = new ServingFixture(NOW);
    private final InMemoryServingChanges changes = new InMemoryServingChanges(fixture.campaigns, fixture.advertisers,
            fixture.policies, fixture.ledger);
    private final ServingIndexRefresher incremental = new ServingIndexRefresher(fixture.campaigns, fixture.advertisers,
            fixture.policies, fixture.ledger, fixture.ctr, fixture.traffic, fixture.settings, fixture.clock, changes,
            FULL_EVERY);
    private final ServingIndexRefresher reference = new ServingIndexRefresher(fixture.campaigns, fixture.advertisers,
            fixture.policies, fixture.ledger, fixture.ctr, fixture.traffic, fixture.settings, fixture.clock);

    private final Advertiser advertiser = fixture.advertiser();
    private final Campaign campaign = fixture.active(advertiser, "srv_o2", TestData.settings().cpc(50).dailyBudget(100)
            .pacing(PacingMode.ACCELERATED).build(), 10_000);

    private String fullContent() {
        return IndexContent.of(reference.refresh());
    }

    @Test
    void unchanged_the_refresh_restamps_the_index_and_holds_what_a_full_rebuild_holds() {
        ServingIndex first = incremental.refresh();
        fixture.clock.advance(Duration.ofSeconds(1));

        ServingIndex second = incremental.refresh();

        assertThat(second.builtAt()).isEqualTo(fixture.clock.instant());
        assertThat(second.slice(Surface.PEOPLE_SEARCH, ServingFixture.BERLIN))
                .isSameAs(first.slice(Surface.PEOPLE_SEARCH, ServingFixture.BERLIN));
        assertThat(IndexContent.of(second)).isEqualTo(fullContent());
        assertThat(incremental.fullRebuilds()).isEqualTo(1);
        assertThat(incremental.incrementalRefreshes()).isEqualTo(1);
    }

    @Test
    void a_spend_is_served_after_one_refresh_that_patched_the_budget_only() {
        incremental.refresh();
        fixture.spend(campaign.id(), 50);
        fixture.clock.advance(Duration.ofSeconds(1));

        ServingIndex patched = incremental.refresh();

        assertThat(patched.campaign(campaign.id()).orElseThrow().spentToday).isEqualTo(50);
        ServingCampaign inSlice = patched.slice(Surface.PEOPLE_SEARCH, ServingFixture.BERLIN).byEntity
                .one(patched.slice(Surface.PEOPLE_SEARCH, ServingFixture.BERLIN).byEntity.find("srv_o2"));
        assertThat(inSlice.spentToday).isEqualTo(50);
        assertThat(IndexContent.of(patched)).isEqualTo(fullContent());
        assertThat(incremental.fullRebuilds()).isEqualTo(1);
    }

    @Test
    void a_pause_is_served_after_one_refresh_and_at_once_when_made_on_this_node() {
        incremental.refresh();
        fixture.move(campaign, CampaignAction.PAUSE);

        ServingIndex after = incremental.refreshAfterChange();

        assertThat(after.campaign(campaign.id()).orElseThrow().active).isFalse();
        assertThat(IndexContent.of(after)).isEqualTo(fullContent());
        assertThat(incremental.fullRebuilds()).isEqualTo(1);
        assertThat(incremental.incrementalRefreshes()).isEqualTo(1);
    }

    @Test
    void a_stale_index_is_refreshed_by_the_background_check_within_one_interval() {
        incremental.refresh();
        Advertiser other = fixture.advertiser();
        Campaign added = fixture.active(other, "srv_o5", TestData.settings().cpc(70).build(), 5_000);
        fixture.clock.advance(fixture.settings.refreshInterval());

        ServingIndex refreshed = incremental.refreshIfStale();

        assertThat(refreshed.campaign(added.id())).isPresent();
        assertThat(incremental.fullRebuilds()).isEqualTo(1);
    }

    @Test
    void every_full_rebuild_interval_and_on_a_new_budget_day_the_index_is_rebuilt_from_every_row() {
        incremental.refresh();
        fixture.clock.advance(FULL_EVERY.minusSeconds(1));
        incremental.refresh();
        assertThat(incremental.fullRebuilds()).isEqualTo(1);

        fixture.clock.advance(Duration.ofSeconds(1));
        incremental.refresh();
        assertThat(incremental.fullRebuilds()).isEqualTo(2);

        fixture.clock.set(Instant.parse("2026-12-11T00:00:01Z"));
        ServingIndex nextDay = incremental.refresh();
        assertThat(incremental.fullRebuilds()).isEqualTo(3);
        assertThat(nextDay.day()).isEqualTo(java.time.LocalDate.parse("2026-12-11"));
        assertThat(IndexContent.of(nextDay)).isEqualTo(fullContent());
    }

    @Test
    void a_zero_full_rebuild_interval_rebuilds_from_the_repositories_every_time() {
        ServingIndexRefresher always = new ServingIndexRefresher(fixture.campaigns, fixture.advertisers, fixture.policies,
                fixture.ledger, fixture.ctr, fixture.traffic, fixture.settings, fixture.clock, null, Duration.ZERO);
        always.refresh();
        always.refresh();

        assertThat(always.fullRebuilds()).isEqualTo(2);
        assertThat(always.incrementalRefreshes()).isZero();
    }

    /**
     * Random sequences of every kind of change, refreshed incrementally after each few: the index holds what a full
     * rebuild holds, and decides the same pages.
     */
    @Test
    void after_random_changes_the_incremental_index_equals_a_full_rebuild() {
        long base = Seeds.base("incremental refresh equals full rebuild");
        for (int trial = 0; trial < 20; trial++) {
            long seed = base + trial;
            new RandomChanges(seed).run(Seeds.replay(base) + ", trial " + trial);
        }
    }

    private static final class RandomChanges {

        private static final List<CityCode> CITIES = List.of(ServingFixture.BERLIN, ServingFixture.PARIS,
                new CityCode("rome"));
        private static final List<String> KEYWORDS = List.of("portrait", "\"wedding photo\"", "[studio]", "-cheap",
                "fashion");

        private final Random random;
        private final ServingFixture world = new ServingFixture(NOW);
        private final ServingIndexRefresher incremental;
        private final ServingIndexRefresher reference;
        private final List<Advertiser> advertisers = new ArrayList<>();
        private final List<Campaign> campaigns = new ArrayList<>();

        RandomChanges(long seed) {
            this.random = new Random(seed);
            InMemoryServingChanges changes = new InMemoryServingChanges(world.campaigns, world.advertisers,
                    world.policies, world.ledger);
            incremental = new ServingIndexRefresher(world.campaigns, world.advertisers, world.policies, world.ledger,
                    world.ctr, world.traffic, world.settings, world.clock, changes, Duration.ofHours(1));
            reference = new ServingIndexRefresher(world.campaigns, world.advertisers, world.policies, world.ledger,
                    world.ctr, world.traffic, world.settings, world.clock);
        }

        void run(String as) {
            for (int i = 0; i < 3; i++) {
                advertisers.add(world.advertiser());
                addCampaign();
            }
            incremental.refresh();
            for (int step = 0; step < 40; step++) {
                int changesThisStep = random.nextInt(4);
                List<String> done = new ArrayList<>();
                for (int c = 0; c < changesThisStep; c++) {
                    done.add(change());
                }
                world.clock.advance(Duration.ofMillis(1 + random.nextInt(1_500)));
                ServingIndex patched = incremental.refresh();
                ServingIndex full = reference.refresh();
                String at = as + ", step " + step + " after " + done;
                assertThat(IndexContent.of(patched)).as(at).isEqualTo(IndexContent.of(full));
                assertThat(decisions(patched)).as(at).isEqualTo(decisions(full));
            }
            assertThat(incremental.fullRebuilds()).as(as).isEqualTo(1);
        }

        private List<DecisionPage> decisions(ServingIndex index) {
            DecideAdPage decide = new DecideAdPage(now -> index, world.settings, new SequentialIds("d"), world.clock,
                    new HourlyTrafficCounter(world.calendar, 8), ServingFixture.SIGNER);
            List<DecisionPage> pages = new ArrayList<>();
            List<String> organic = new ArrayList<>();
            for (int e = 0; e < 8; e++) {
                organic.add("srv_e" + e);
            }
            for (CityCode city : CITIES) {
                for (String query : List.of("", "portrait", "wedding photo studio", "cheap fashion")) {
                    pages.add(decide.decide(new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), city, query,
                            Viewer.anonymous("fp"), 20, organic)));
                }
            }
            return pages;
        }

        private String change() {
            int kind = random.nextInt(10);
            switch (kind) {
                case 0 -> {
                    addCampaign();
                    return "campaign added";
                }
                case 1 -> {
                    Campaign stored = stored(pick(campaigns));
                    CampaignAction action = CampaignAction.values()[random.nextInt(CampaignAction.values().length)];
                    Outcome<Campaign> moved = stored.apply(action, Actor.ADMIN, world.clock.instant());
                    if (moved instanceof Outcome.Accepted<Campaign> accepted && accepted.value() != stored) {
                        world.campaigns.updateIfUnchanged(accepted.value(), stored.updatedAt());
                    }
                    return action + " " + stored.id();
                }
                case 2 -> {
                    Campaign stored = stored(pick(campaigns));
                    if (stored.status() != io.promo.domain.campaign.CampaignStatus.ENDED) {
                        world.campaigns.updateIfUnchanged(stored.withSettings(settings(), world.clock.instant()),
                                stored.updatedAt());
                    }
                    return "settings of " + stored.id();
                }
                case 3 -> {
                    Advertiser stored = world.advertisers.findById(pick(advertisers).id()).orElseThrow();
                    AdvertiserStatus status = AdvertiserStatus.values()[random.nextInt(AdvertiserStatus.values().length)];
                    if (stored.changeStatus(status, Actor.ADMIN, world.clock.instant())
                            instanceof Outcome.Accepted<Advertiser> accepted && accepted.value() != stored) {
                        world.advertisers.updateIfUnchanged(accepted.value(), stored.updatedAt());
                    }
                    return "advertiser " + status;
                }
                case 4 -> {
                    Optional<RoleCode> role = random.nextBoolean() ? Optional.empty()
                            : Optional.of(new RoleCode("photographer"));
                    world.policy(role, pick(CITIES), 20 + random.nextInt(60), 1 + random.nextInt(3), 1);
                    return "policy";
                }
                case 7 -> {
                    Campaign stored = stored(pick(campaigns));
                    CampaignSettings was = stored.settings();
                    CampaignSettings budgetOnly = new CampaignSettings(was.name(), was.format(), was.cityTargets(),
                            was.keywordTargets(), was.startDate(), was.endDate(), was.cpc(),
                            was.cpc().times(5 + random.nextInt(20)), was.totalBudget(),
                            random.nextBoolean() ? PacingMode.EVEN : PacingMode.ACCELERATED);
                    if (stored.status() != io.promo.domain.campaign.CampaignStatus.ENDED) {
                        world.campaigns.updateIfUnchanged(stored.withSettings(budgetOnly, world.clock.instant()),
                                stored.updatedAt());
                    }
                    return "daily budget and pacing of " + stored.id();
                }
                case 8 -> {
                    Campaign stored = stored(pick(campaigns));
                    if (stored.status() != io.promo.domain.campaign.CampaignStatus.ENDED) {
                        world.campaigns.updateIfUnchanged(stored.withSettings(random.nextBoolean()
                                ? stored.settings().withFrequencyCap(frequencyCap())
                                : stored.settings().withSchedule(schedule()), world.clock.instant()), stored.updatedAt());
                    }
                    return "frequency cap or schedule of " + stored.id();
                }
                case 5 -> {
                    world.topUp(pick(campaigns).id(), 100 + random.nextInt(5_000));
                    return "top-up";
                }
                default -> {
                    world.spend(pick(campaigns).id(), 25 + random.nextInt(100));
                    return "spend";
                }
            }
        }

        private Campaign stored(Campaign campaign) {
            return world.campaigns.findById(campaign.id()).orElseThrow();
        }

        private void addCampaign() {
            Advertiser owner = pick(advertisers);
            String entity = "srv_e" + random.nextInt(8);
            Campaign draft = world.draft(owner, entity, settings());
            Campaign campaign = random.nextInt(4) == 0 ? draft : world.move(draft, CampaignAction.ACTIVATE);
            campaigns.add(campaign);
            if (random.nextBoolean()) {
                world.topUp(campaign.id(), 1_000 + random.nextInt(10_000));
            }
        }

        private CampaignSettings settings() {
            List<CityCode> cities = new ArrayList<>(CITIES);
            java.util.Collections.shuffle(cities, random);
            List<String> keywords = new ArrayList<>(KEYWORDS);
            java.util.Collections.shuffle(keywords, random);
            return TestData.settings()
                    .cities(cities.subList(0, 1 + random.nextInt(2)).toArray(CityCode[]::new))
                    .keywords(keywords.subList(0, random.nextInt(3)).toArray(String[]::new))
                    .format(random.nextBoolean() ? Format.FEATURED : Format.BOOSTED)
                    .pacing(random.nextBoolean() ? PacingMode.EVEN : PacingMode.ACCELERATED)
                    .cpc(80 + random.nextInt(120))
                    .dailyBudget(500 + random.nextInt(2_000))
                    .build()
                    .withSchedule(schedule())
                    .withFrequencyCap(frequencyCap());
        }

        /** Business hours on weekdays, or the weekend's afternoons, in half of the draws; every hour otherwise. */
        private AdSchedule schedule() {
            return switch (random.nextInt(4)) {
                case 0 -> new AdSchedule(List.of(AdSchedule.Window.of(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                        9, 17)));
                case 1 -> new AdSchedule(List.of(AdSchedule.Window.of(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                        12, 20)));
                default -> AdSchedule.ALWAYS;
            };
        }

        /** A cap of the campaign's own in a third of the draws. */
        private Optional<FrequencyCap> frequencyCap() {
            return random.nextInt(3) == 0 ? Optional.of(new FrequencyCap(1 + random.nextInt(3), 1 + random.nextInt(48)))
                    : Optional.empty();
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }
    }
}
