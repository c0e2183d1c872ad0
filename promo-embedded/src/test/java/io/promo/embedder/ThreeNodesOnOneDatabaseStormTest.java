package io.promo.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.billing.DevPaymentGateway;
import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.CreateAdvertiserCommand;
import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.ChangeCampaignStatusCommand;
import io.promo.domain.campaign.CreateCampaignCommand;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.TargetEntityType;
import io.promo.domain.funding.PaymentEvent;
import io.promo.domain.funding.PaymentEventOutcome;
import io.promo.domain.funding.TopUpCommand;
import io.promo.domain.funding.TopUpResult;
import io.promo.domain.ledger.FundingCommand;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.UserId;
import io.promo.domain.traffic.ClickCommand;
import io.promo.embedded.AdPage;
import io.promo.embedded.AdRequest;
import io.promo.embedded.Promo;
import io.promo.persistence.EmbeddedPostgresServer;
import io.promo.persistence.PostgresRepositories;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three promo nodes, each an independent {@link Promo} with its own pool, serving index, refresher and impression
 * buffer, on one PostgreSQL, and a seeded storm spread across them: clicks on a hot campaign and on spread ones, with
 * duplicates sent to two nodes at once and replays to another node later; top-ups whose idempotency key is sent to
 * every node at once; the payment's webhook delivered again to each node; a pause on one node while the others serve.
 * Afterwards: no campaign a cent over its daily budget or its funds, one spend per billed click, one top-up per
 * payment, reconcile empty, and the pause seen by every node within one refresh interval (plus the refresher's
 * 250 ms check and one rebuild).
 *
 * <p>The payment gateway is one shared {@link DevPaymentGateway}: like Stripe, one service every node charges through,
 * answering a repeated key with its first payment; promo's own idempotency (ADR 0015) must still keep one top-up per
 * key across nodes. The seed is printed; replay with {@code -Dcluster.storm.seed=<seed>}, enlarge with
 * {@code -Dcluster.storm.searches=2000} (docs/testing.md).
 */
class ThreeNodesOnOneDatabaseStormTest {

    private static final String HASH_SECRET = "cluster-hash-secret-0123456789abcdef";
    private static final String TOKEN_SECRET = "cluster-token-secret-0123456789abcdef";
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0";
    private static final int NODES = 3;
    private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(1);
    private static final Duration REFRESH_CHECK = Duration.ofMillis(250);

    private static EmbeddedPostgresServer database;
    private static final List<Promo> nodes = new ArrayList<>();
    private static final DevPaymentGateway stripe = new DevPaymentGateway();

    @BeforeAll
    static void three_nodes_on_one_database() {
        database = EmbeddedPostgresServer.startTemporary(Map.of("max_connections", "100"));
        Map<String, String> settings = Map.of("PROMO_HASH_SECRET", HASH_SECRET, "PROMO_CLICK_TOKEN_SECRET", TOKEN_SECRET,
                "PROMO_BUDGET_ZONE", "UTC", "PROMO_DB_POOL_SIZE", "6");
        for (int i = 0; i < NODES; i++) {
            nodes.add(Promo.builder().jdbcUrl(database.jdbcUrl()).settings(settings).paymentGateway(stripe)
                    .schema(i == 0 ? Promo.Schema.MIGRATE : Promo.Schema.VERIFY).start());
        }
    }

    @AfterAll
    static void stop() {
        nodes.forEach(Promo::close);
        if (database != null) {
            database.close();
        }
    }

    private record Planned(String campaignEntity, Campaign campaign, long dailyCents) {
    }

    @Test
    void money_holds_and_a_pause_reaches_every_node_after_a_storm_spread_over_three_nodes() throws Exception {
        long seed = Long.getLong("cluster.storm.seed", System.nanoTime());
        int searches = Integer.getInteger("cluster.storm.searches", 120);
        System.out.printf("ThreeNodesOnOneDatabaseStormTest seed=%d searches=%d (replay: -Dcluster.storm.seed=%d)%n",
                seed, searches, seed);
        Random random = new Random(seed);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        // A hot campaign (highest cpc, a daily budget of ten clicks), five spread ones, one whose funds run out first.
        List<Planned> campaigns = new ArrayList<>();
        campaigns.add(campaign(nodes.get(0), "srv_hot", 90, 900, 50_000));
        for (int i = 0; i < 5; i++) {
            campaigns.add(campaign(nodes.get(i % NODES), "srv_spread_" + i, 40 + 5 * i, 1_200, 50_000));
        }
        campaigns.add(campaign(nodes.get(1), "srv_poor", 70, 5_000, 350));
        // Paused mid-storm; its budget outlasts the storm, so that only the pause can stop its showing.
        campaigns.add(campaign(nodes.get(2), "srv_paused", 50, 100_000, 100_000));
        List<String> organic = campaigns.stream().map(Planned::campaignEntity).toList();
        nodes.forEach(Promo::refreshServingIndex);

        // Click tokens served by every node.
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < searches; i++) {
            Promo node = nodes.get(random.nextInt(NODES));
            AdPage page = node.serving().decide(AdRequest.builder("people_search", "berlin").query("portrait studio")
                    .anonymousViewer("fp_" + random.nextInt(1_000_000)).client(ip(random), BROWSER)
                    .organicMatches(shuffled(organic, random)).build());
            page.sponsored().forEach(result -> tokens.add(result.clickToken()));
        }
        assertThat(tokens).as("the searches showed sponsored results").isNotEmpty();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        List<Runnable> replays = new ArrayList<>();
        for (String token : tokens) {
            String viewer = "fp_viewer_" + random.nextInt(60);
            String ip = ip(random);
            int first = random.nextInt(NODES);
            int other = (first + 1 + random.nextInt(NODES - 1)) % NODES;
            ClickCommand click = new ClickCommand(token, null, viewer, ip, BROWSER);
            work.add(pool.submit(() -> nodes.get(first).clicks().click(click)));
            double fate = random.nextDouble();
            if (fate < 0.2) { // the same click again, at once, through another node
                work.add(pool.submit(() -> nodes.get(other).clicks().click(click)));
            } else if (fate < 0.3) { // replayed later through another node
                replays.add(() -> nodes.get(other).clicks().click(click));
            }
        }

        // Top-ups: each key sent to every node at once, then its payment's webhook delivered to every node.
        Map<String, Planned> keys = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            keys.put("storm-topup-" + seed + "-" + i, campaigns.get(1 + random.nextInt(campaigns.size() - 1)));
        }
        Map<String, Set<String>> paymentsByKey = new ConcurrentHashMap<>();
        for (Map.Entry<String, Planned> key : keys.entrySet()) {
            for (Promo node : nodes) {
                work.add(pool.submit(() -> {
                    Outcome<TopUpResult> outcome = node.topUp().topUp(new TopUpCommand(
                            Actor.tenant(key.getValue().campaign().advertiserId()), key.getValue().campaign().id(),
                            Money.ofCents(1_000), key.getKey()));
                    if (outcome instanceof Outcome.Accepted<TopUpResult> accepted
                            && accepted.value() instanceof TopUpResult.Charged charged) {
                        paymentsByKey.computeIfAbsent(key.getKey(), k -> ConcurrentHashMap.newKeySet())
                                .add(charged.processorRef());
                    }
                }));
            }
        }

        // A pause on one node while the others serve: every other node stops showing it within one interval.
        Planned paused = campaigns.get(campaigns.size() - 1);
        assertThat(nodes).as("every node shows the campaign before its pause")
                .allSatisfy(node -> assertThat(shows(node, paused)).isTrue());
        Thread.sleep(random.nextInt(200));
        nodes.get(0).changeCampaignStatus().change(new ChangeCampaignStatusCommand(
                Actor.tenant(paused.campaign().advertiserId()), paused.campaign().id(), CampaignAction.PAUSE)).orElseThrow();
        long pausedAt = System.nanoTime();
        List<Long> seenAfterMillis = new ArrayList<>();
        for (Promo node : nodes) {
            while (shows(node, paused)) {
                Thread.sleep(10);
                assertThat(System.nanoTime() - pausedAt).as("a node still serves the paused campaign after 10 s")
                        .isLessThan(TimeUnit.SECONDS.toNanos(10));
            }
            seenAfterMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt));
        }

        for (Future<?> done : work) {
            done.get(60, TimeUnit.SECONDS);
        }
        List<Future<?>> replayed = new ArrayList<>();
        replays.forEach(replay -> replayed.add(pool.submit(replay)));
        for (Future<?> done : replayed) {
            done.get(60, TimeUnit.SECONDS);
        }
        // Every payment's webhook, delivered once to every node, two of them at the same time.
        List<Future<PaymentEventOutcome>> webhooks = new ArrayList<>();
        int event = 0;
        for (Map.Entry<String, Set<String>> payments : paymentsByKey.entrySet()) {
            Planned target = keys.get(payments.getKey());
            for (String payment : payments.getValue()) {
                PaymentEvent succeeded = new PaymentEvent.PaymentSucceeded("evt_storm_" + seed + "_" + event++, payment,
                        Optional.of(target.campaign().id()), Money.ofCents(1_000), "usd");
                for (Promo node : nodes) {
                    webhooks.add(pool.submit(() -> node.paymentEvents().handle(succeeded)));
                }
            }
        }
        for (Future<PaymentEventOutcome> done : webhooks) {
            // The payment's top-up is booked already (by its charge): applied as a repeat of it, or a redelivery.
            assertThat(done.get(60, TimeUnit.SECONDS)).as("a webhook's outcome, seed %d", seed)
                    .isInstanceOfAny(PaymentEventOutcome.Applied.class, PaymentEventOutcome.AlreadyProcessed.class);
        }
        assertThat(webhooks).as("webhooks delivered").hasSize(paymentsByKey.size() * NODES);
        pool.shutdown();
        System.out.printf("%d tokens, %d click requests, %d replays; the pause seen by the nodes after %s ms%n",
                tokens.size(), work.size() - keys.size() * NODES, replays.size(), seenAfterMillis);

        assertThat(seenAfterMillis).as("the pausing node at once, every other within one refresh interval, its check and"
                + " a rebuild (seed %d)", seed).allSatisfy(millis -> assertThat(millis)
                .isLessThanOrEqualTo(REFRESH_INTERVAL.plus(REFRESH_CHECK).plusSeconds(1).toMillis()));
        assertThat(paymentsByKey.values()).as("one payment per key, whichever node charged it (seed %d)", seed)
                .allSatisfy(payments -> assertThat(payments).hasSize(1));
        try (Connection connection = database.dataSource().getConnection()) {
            for (Planned planned : campaigns) {
                long spentToday = number(connection, "select coalesce(sum(amount_cents), 0) from promo_budget_ledger"
                        + " where kind = 'spend' and campaign_id = '" + planned.campaign().id().value() + "'"
                        + " and (created_at at time zone 'UTC')::date = date '" + today + "'");
                long funded = number(connection, "select coalesce(sum(amount_cents), 0) from promo_budget_ledger"
                        + " where kind in ('topup', 'adjustment', 'credit') and campaign_id = '"
                        + planned.campaign().id().value() + "'");
                long spent = number(connection, "select coalesce(sum(amount_cents), 0) from promo_budget_ledger"
                        + " where kind = 'spend' and campaign_id = '" + planned.campaign().id().value() + "'");
                System.out.printf("  %s: spent today %d of %d, %d of its funds %d%n", planned.campaignEntity(), spentToday,
                        planned.dailyCents(), spent, funded);
                assertThat(spentToday).as("%s spent today, seed %d", planned.campaignEntity(), seed)
                        .isLessThanOrEqualTo(planned.dailyCents());
                assertThat(spent).as("%s spent against its funds, seed %d", planned.campaignEntity(), seed)
                        .isLessThanOrEqualTo(funded);
            }
            assertThat(number(connection, "select count(*) from (select processor_ref from promo_budget_ledger"
                    + " where kind = 'spend' group by processor_ref having count(*) > 1) twice"))
                    .as("a click billed twice, seed %d", seed).isZero();
            assertThat(number(connection, "select count(*) from promo_budget_ledger l where kind = 'spend' and not exists"
                    + " (select 1 from promo_event e where e.event_id = l.processor_ref and e.type = 'click'"
                    + " and (e.extra_json ->> 'billed_cents')::bigint = l.amount_cents)"))
                    .as("a spend without its billed click, seed %d", seed).isZero();
            assertThat(number(connection, "select count(*) from promo_event e where type = 'click'"
                    + " and (extra_json ->> 'billed_cents')::bigint > 0 and not exists (select 1 from promo_budget_ledger l"
                    + " where l.kind = 'spend' and l.processor_ref = e.event_id)"))
                    .as("a billed click without its spend, seed %d", seed).isZero();
            assertThat(number(connection, "select count(*) from (select impression_id from promo_event where type = 'click'"
                    + " group by impression_id having count(*) > 1) twice"))
                    .as("an impression clicked twice, seed %d", seed).isZero();
            assertThat(number(connection, "select count(*) from (select processor_ref from promo_budget_ledger"
                    + " where kind = 'topup' group by processor_ref having count(*) > 1) twice"))
                    .as("a payment booked twice, seed %d", seed).isZero();
            assertThat(number(connection, "select count(*) from promo_budget_ledger where kind = 'topup'"
                    + " and processor = '" + DevPaymentGateway.PROCESSOR + "'"))
                    .as("one top-up per key, seed %d", seed).isEqualTo(paymentsByKey.size());
            assertThat(number(connection, "select count(*) from promo_event where type = 'click'"
                    + " and (extra_json ->> 'billed_cents')::bigint > 0")).as("the storm billed clicks").isPositive();
        }
        assertThat(new PostgresRepositories(database.dataSource(), ZoneOffset.UTC).ledger().reconcile())
                .as("reconcile, seed %d", seed).isEmpty();
    }

    /** Whether {@code node} shows the campaign on a page where nothing else can be shown. */
    private static boolean shows(Promo node, Planned campaign) {
        AdPage page = node.serving().decide(AdRequest.builder("people_search", "berlin").query("portrait studio")
                .anonymousViewer("fp_pause_probe").client("198.51.100.250", BROWSER)
                .organicMatches(List.of(campaign.campaignEntity())).build());
        return page.sponsored().stream().anyMatch(result -> result.campaignId().equals(campaign.campaign().id().value()));
    }

    private static Planned campaign(Promo promo, String entityId, long cpcCents, long dailyCents, long fundsCents) {
        String n = entityId;
        Advertiser owner = promo.createAdvertiser().create(new CreateAdvertiserCommand(Actor.ADMIN,
                new UserId("usr_cluster_" + n), Optional.of(new PaymentReference("cus_" + n + "/pm_visa")))).orElseThrow();
        CampaignSettings settings = new CampaignSettings("Studio " + n, Format.FEATURED, List.of(new CityCode("berlin")),
                List.of("portrait"), LocalDate.now(ZoneOffset.UTC), Optional.empty(), Money.ofCents(cpcCents),
                Money.ofCents(dailyCents), Optional.empty(), PacingMode.ACCELERATED);
        Campaign campaign = promo.createCampaign().create(new CreateCampaignCommand(Actor.tenant(owner.id()), owner.id(),
                Surface.PEOPLE_SEARCH, new TargetEntity(TargetEntityType.SERVICE_PROFILE, entityId), settings))
                .orElseThrow();
        promo.recordFunding().record(FundingCommand.topUp(campaign.id(), Money.ofCents(fundsCents), IdempotencyKey.STRIPE,
                "pi_cluster_" + n)).orElseThrow();
        promo.changeCampaignStatus().change(new ChangeCampaignStatusCommand(Actor.tenant(owner.id()), campaign.id(),
                CampaignAction.ACTIVATE)).orElseThrow();
        return new Planned(entityId, campaign, dailyCents);
    }

    private static String ip(Random random) {
        return "203.0.113." + random.nextInt(40);
    }

    private static List<String> shuffled(List<String> organic, Random random) {
        List<String> copy = new ArrayList<>(organic);
        Collections.shuffle(copy, random);
        return copy;
    }

    private static long number(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
