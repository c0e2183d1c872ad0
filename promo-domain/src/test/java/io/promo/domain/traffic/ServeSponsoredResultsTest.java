package io.promo.domain.traffic;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.InMemoryAdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.InMemoryCampaignRepository;
import io.promo.domain.campaign.PacingMode;
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
import io.promo.domain.report.TrafficFigures;
import io.promo.domain.serving.DecideAdPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.serving.Viewer;
import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.pacing.HourlyTrafficCounter;
import io.promo.domain.serving.pacing.TrafficRecorder;
import io.promo.domain.serving.ranking.CtrStatistics;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision path of the API: decide, sign a token per sponsored slot, log one impression per slot. */
class ServeSponsoredResultsTest {

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    private final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    private final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(campaigns, advertisers);
    private final InMemoryTrafficLog log = new InMemoryTrafficLog(campaigns, advertisers, ledger, BudgetCalendar.UTC);
    private final ServingSettings settings = ServingSettings.defaults(new PolicyLimits(Money.ofCents(25), 2, 1),
            BudgetCalendar.UTC);
    private final InMemoryPolicyRepository policies = new InMemoryPolicyRepository();
    private final ServingIndexRefresher index = new ServingIndexRefresher(campaigns, advertisers, policies, ledger, CtrStatistics.NONE, new HourlyTrafficCounter(BudgetCalendar.UTC, 8),
            settings, clock);
    private final QuerySignature querySignature = new QuerySignature(RecordClickTest.HASH_SECRET);
    private final ClickTokenSigner signer =
            new ClickTokenSigner(List.of(SigningKey.active("k1", RecordClickTest.TOKEN_SECRET)), Duration.ofMinutes(30), clock);
    private final ClientHasher hasher = new ClientHasher(RecordClickTest.HASH_SECRET);
    private final ImpressionBuffer buffer = new ImpressionBuffer(new ImpressionBuffer.Settings(1_000, 100,
            Duration.ofMillis(10)));
    private final ServeSponsoredResults serve = new ServeSponsoredResults(new DecideAdPage(index, settings, TestData.IDS,
            clock, TrafficRecorder.NONE, querySignature::of), signer, hasher, buffer);
    private final RecordClick recordClick = new RecordClick(signer, hasher, BotUserAgents.standard(), ClickRules.DEFAULTS,
            log, BudgetCalendar.UTC, TestData.IDS, clock);

    /** What the persistence adapter's writer thread does, done here on the test's thread. */
    private void writeBuffered() {
        while (!buffer.isEmpty()) {
            List<TrafficEvent> batch = new ArrayList<>();
            buffer.drainInto(batch);
            log.appendImpressions(batch);
            buffer.batchWritten(batch.size());
        }
    }

    private Campaign activeCampaign(String entityId) {
        return activeCampaign(entityId, 60);
    }

    private Campaign activeCampaign(String entityId, long cpcCents) {
        Advertiser owner = TestData.anAdvertiser();
        advertisers.insert(owner);
        Campaign draft = Campaign.draft(TestData.IDS.newCampaignId(), owner.id(), Surface.PEOPLE_SEARCH,
                new io.promo.domain.campaign.TargetEntity(io.promo.domain.campaign.TargetEntityType.SERVICE_PROFILE, entityId),
                TestData.settings().startDate(LocalDate.ofInstant(NOW, ZoneOffset.UTC)).keywords()
                        .pacing(PacingMode.ACCELERATED).cpc(cpcCents).build(), NOW);
        campaigns.insert(draft);
        Campaign active = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, NOW).orElseThrow();
        campaigns.updateIfUnchanged(active, draft.updatedAt());
        ledger.record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), active.id(), EntryKind.TOPUP, Money.ofCents(5_000),
                new IdempotencyKey(IdempotencyKey.STRIPE, "pi_" + entityId), Optional.empty(), NOW));
        return active;
    }

    private static DecisionRequest search(String... organic) {
        return new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), TestData.BERLIN, "Portrait  Photographer",
                Viewer.anonymous("fp-1"), 20, List.of(organic));
    }

    @Test
    void each_sponsored_slot_gets_a_click_token_and_one_impression_event_with_every_seed_column() throws Exception {
        Campaign first = activeCampaign("srv_a");
        Campaign second = activeCampaign("srv_b");

        ServedPage served = serve.serve(new ServeCommand(search("srv_x", "srv_a", "srv_y", "srv_b", "srv_z"),
                RecordClickTest.IP, RecordClickTest.BROWSER));

        List<PagePosition.Sponsored> sponsored = served.page().sponsored();
        assertThat(sponsored).extracting(PagePosition.Sponsored::campaignId).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(served.impressionsDropped()).isZero();
        writeBuffered();
        assertThat(buffer.awaitFlushed(Duration.ofSeconds(10))).isTrue();
        List<TrafficEvent> impressions = log.events();
        assertThat(impressions).hasSize(2);
        assertThat(sponsored).extracting(PagePosition.Sponsored::price).as("two campaigns tied at a 60¢ bid: the one"
                + " that won the tie pays its bid, the other, with nobody below it, the 25¢ floor")
                .containsExactlyInAnyOrder(Money.ofCents(60), Money.ofCents(25));
        for (PagePosition.Sponsored slot : sponsored) {
            TokenVerification verified = signer.verify(served.clickToken(slot));
            assertThat(verified).isInstanceOf(TokenVerification.Valid.class);
            ClickClaims claims = ((TokenVerification.Valid) verified).claims();
            assertThat(claims.impressionId()).isEqualTo(slot.impressionId());
            assertThat(claims.cpc()).as("the token signs the clearing price").isEqualTo(slot.price());
            TrafficEvent impression = impressions.stream().filter(e -> e.impressionId().equals(slot.impressionId()))
                    .findFirst().orElseThrow();
            assertThat(impression.eventId()).isEqualTo(slot.impressionId());
            assertThat(impression.type()).isEqualTo(EventType.IMPRESSION);
            assertThat(impression.campaignId()).isEqualTo(slot.campaignId());
            assertThat(impression.city()).isEqualTo(TestData.BERLIN);
            assertThat(impression.queryHash()).isEqualTo(querySignature.of("portrait photographer"))
                    .isEqualTo(claims.querySignature());
            assertThat(impression.userId()).isEmpty();
            assertThat(impression.anonFpHash()).contains(hasher.fingerprint("fp-1"));
            assertThat(impression.ipHash()).isEqualTo(hasher.ip(RecordClickTest.IP));
            assertThat(impression.uaHash()).isEqualTo(hasher.userAgent(RecordClickTest.BROWSER));
            assertThat(impression.ts()).isEqualTo(NOW.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            assertThat(impression.detail()).isEqualTo(new EventDetail.Served(served.page().surface(), slot.position(),
                    Money.ofCents(60), slot.format()));
        }
    }

    @Test
    void a_served_token_clicked_by_another_viewer_is_billed_its_served_price() {
        activeCampaign("srv_a");
        ServedPage served = serve.serve(new ServeCommand(search("srv_a"), RecordClickTest.IP, RecordClickTest.BROWSER));

        ClickResult click = recordClick.click(new ClickCommand(served.clickToken(served.page().sponsored().get(0)),
                "usr_someone", null, RecordClickTest.IP, RecordClickTest.BROWSER));

        assertThat(click.billedCents()).as("a lone bidder's clearing price is the 25¢ floor, not its 60¢ bid").isEqualTo(25);
    }

    @Test
    void clicks_on_a_two_campaign_page_bill_the_second_price_and_the_figures_show_the_bid_beside_it_and_the_savings() {
        Campaign high = activeCampaign("srv_a", 90);
        Campaign low = activeCampaign("srv_b", 60);
        ServedPage served = serve.serve(new ServeCommand(search("srv_x", "srv_a", "srv_y", "srv_b", "srv_z"), RecordClickTest.IP, RecordClickTest.BROWSER));
        List<PagePosition.Sponsored> sponsored = served.page().sponsored();
        assertThat(sponsored).extracting(PagePosition.Sponsored::campaignId).containsExactly(high.id(), low.id());

        ClickResult first = recordClick.click(new ClickCommand(served.clickToken(sponsored.get(0)), "usr_one", null,
                "198.51.100.1", RecordClickTest.BROWSER));
        ClickResult second = recordClick.click(new ClickCommand(served.clickToken(sponsored.get(1)), "usr_two", null,
                "198.51.100.2", RecordClickTest.BROWSER));

        assertThat(first.billedCents()).as("the 90¢ bid keeps the top slot with 60¢ + 1 (equal CTRs)").isEqualTo(61);
        assertThat(second.billedCents()).as("nobody below the 60¢ bid: the 25¢ floor").isEqualTo(25);
        assertThat(log.events()).filteredOn(e -> e.type() == EventType.CLICK).extracting(TrafficEvent::detail)
                .containsExactlyInAnyOrder(new EventDetail.Billed(Money.ofCents(61), Money.ofCents(90)),
                        new EventDetail.Billed(Money.ofCents(25), Money.ofCents(60)));
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        TrafficFigures highFigures = TrafficFigures.of(log.daily(high.id(), today, today).get(0));
        TrafficFigures lowFigures = TrafficFigures.of(log.daily(low.id(), today, today).get(0));
        assertThat(highFigures.averageCpc()).as("paid").isEqualTo(Money.ofCents(61));
        assertThat(highFigures.averageBid()).as("bid").isEqualTo(Money.ofCents(90));
        assertThat(highFigures.savings()).as("bid - paid").isEqualTo(Money.ofCents(29));
        assertThat(lowFigures.averageCpc()).isEqualTo(Money.ofCents(25));
        assertThat(lowFigures.averageBid()).isEqualTo(Money.ofCents(60));
        assertThat(lowFigures.savings()).isEqualTo(Money.ofCents(35));
        assertThat(highFigures.plus(lowFigures).savings()).isEqualTo(Money.ofCents(64));
        assertThat(highFigures.plus(lowFigures).averageBid()).as("(86 + 64) / 2").isEqualTo(Money.ofCents(75));
    }

    @Test
    void a_first_price_policy_of_the_city_bills_each_click_its_bid_in_a_second_price_deployment() {
        policies.upsert(new Policy(TestData.IDS.newPolicyId(), new PolicyScope(Surface.PEOPLE_SEARCH, Optional.empty(),
                TestData.BERLIN), new PolicyLimits(Money.ofCents(25), 2, 1), NOW, Optional.of(PricingMode.FIRST_PRICE)));
        activeCampaign("srv_a", 90);
        activeCampaign("srv_b", 60);
        ServedPage served = serve.serve(new ServeCommand(search("srv_x", "srv_a", "srv_y", "srv_b", "srv_z"), RecordClickTest.IP, RecordClickTest.BROWSER));
        List<PagePosition.Sponsored> sponsored = served.page().sponsored();

        ClickResult first = recordClick.click(new ClickCommand(served.clickToken(sponsored.get(0)), "usr_one", null,
                "198.51.100.1", RecordClickTest.BROWSER));
        ClickResult second = recordClick.click(new ClickCommand(served.clickToken(sponsored.get(1)), "usr_two", null,
                "198.51.100.2", RecordClickTest.BROWSER));

        assertThat(settings.pricingMode()).isEqualTo(PricingMode.SECOND_PRICE);
        assertThat(List.of(first.billedCents(), second.billedCents())).as("each its cpc, as the policy says")
                .containsExactly(90L, 60L);
    }

    @Test
    void a_page_without_sponsored_results_logs_nothing() throws Exception {
        ServedPage served = serve.serve(new ServeCommand(search("srv_q"), RecordClickTest.IP, RecordClickTest.BROWSER));

        assertThat(served.page().sponsored()).isEmpty();
        writeBuffered();
        assertThat(buffer.awaitFlushed(Duration.ofSeconds(1))).isTrue();
        assertThat(log.events()).isEmpty();
    }

    @Test
    void missing_client_data_is_a_clear_error_naming_the_field() {
        assertThatThrownBy(() -> new ServeCommand(search("srv_a"), null, " "))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("client.ip").hasMessageContaining("client.user_agent");
    }
}
