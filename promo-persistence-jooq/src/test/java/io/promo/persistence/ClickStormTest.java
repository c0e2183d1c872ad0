package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.testing.Race;
import io.promo.domain.traffic.ClickCommand;
import io.promo.domain.traffic.ClickResult;
import io.promo.domain.traffic.TrafficFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A randomized storm of clicks from 8 threads through {@code RecordClick} on PostgreSQL, built to collide: few
 * impressions (replays), few viewers (repeats), few ips (bursts), the advertiser's own user, bots, expired and
 * garbage tokens, a campaign whose daily budget runs out. Afterwards the money and the log must agree exactly.
 *
 * <p>The seed decides every thread's clicks; it is printed and heads every failure message. Replay with
 * {@code -Dtraffic.storm.seed=<seed>} (interleavings differ from run to run, so a race may need a few runs).
 */
class ClickStormTest {

    private static final long SEED = Long.getLong("traffic.storm.seed", ThreadLocalRandom.current().nextLong());
    private static final int THREADS = 8;
    private static final int CLICKS_PER_THREAD = Integer.getInteger("traffic.storm.clicks", 40);
    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");

    /** What a click was made to be, and so what it must never be. */
    private enum Kind { FRESH, REPLAY, EXPIRED, BOT, SELF, GARBAGE }

    private record Sent(Kind kind, ClickResult result) {
    }

    @Test
    void money_and_the_event_log_agree_after_a_storm_of_colliding_clicks() throws Exception {
        String replay = "seed=" + SEED + "; replay with -Dtraffic.storm.seed=" + SEED;
        System.out.println("ClickStormTest " + replay);
        PostgresFixture.emptyDatabase();
        PostgresRepositories repositories = PostgresFixture.repositories();
        TrafficFixture traffic = new TrafficFixture(NOW, PostgresFixture.trafficStores(repositories));
        Advertiser owner = traffic.advertiser();
        List<CampaignId> campaigns = List.of(traffic.activeCampaign(owner, 400, 100_000).id(),
                traffic.activeCampaign(owner, 10_000, 100_000).id(), traffic.activeCampaign(owner, 10_000, 300).id());
        Random setup = new Random(SEED);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tokens.add(traffic.token(campaigns.get(setup.nextInt(campaigns.size())), 30 + setup.nextInt(50)));
        }
        traffic.clock.advance(Duration.ofMinutes(-31));
        List<String> expired = List.of(traffic.token(campaigns.get(0), 50), traffic.token(campaigns.get(1), 50));
        traffic.clock.advance(Duration.ofMinutes(31));

        // About 15 clicks per ip: the burst limit (20 a minute) bites now and then, not always.
        int ips = Math.max(1, THREADS * CLICKS_PER_THREAD / 15);
        List<Callable<List<Sent>>> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(SEED * 31 + t);
            threads.add(() -> {
                List<Sent> sent = new ArrayList<>();
                for (int i = 0; i < CLICKS_PER_THREAD; i++) {
                    Kind kind = Kind.values()[random.nextInt(10) < 4 ? 0 : random.nextInt(Kind.values().length)];
                    String token = switch (kind) {
                        case EXPIRED -> expired.get(random.nextInt(expired.size()));
                        case GARBAGE -> "v1.k1." + Long.toHexString(random.nextLong()) + ".x";
                        case FRESH -> tokens.get(random.nextInt(tokens.size() / 2));
                        default -> tokens.get(random.nextInt(tokens.size()));
                    };
                    String user = kind == Kind.SELF ? owner.userId().value() : "usr_viewer" + random.nextInt(12);
                    String userAgent = kind == Kind.BOT ? "Googlebot/2.1 (+http://www.google.com/bot.html)"
                            : TrafficFixture.BROWSER;
                    String ip = "198.51.100." + random.nextInt(ips);
                    sent.add(new Sent(kind, traffic.recordClick.click(new ClickCommand(token, user, null, ip, userAgent))));
                }
                return sent;
            });
        }
        List<Sent> sent = Race.run(threads).stream().flatMap(List::stream).toList();

        System.out.println("ClickStormTest outcomes: " + sent.stream().collect(java.util.stream.Collectors.groupingBy(
                s -> s.result().reason().orElse("billed"), java.util.TreeMap::new, java.util.stream.Collectors.counting())));
        long billedCount = sent.stream().filter(s -> s.result().billed()).count();
        long billedCents = sent.stream().mapToLong(s -> s.result().billedCents()).sum();
        assertThat(sent).as(replay).filteredOn(s -> s.kind() == Kind.BOT || s.kind() == Kind.EXPIRED
                || s.kind() == Kind.SELF || s.kind() == Kind.GARBAGE).noneMatch(s -> s.result().billed());
        assertThat(count("select count(*) from promo_event")).as(replay).isEqualTo(sent.size());
        assertThat(count("select count(*) from (select impression_id from promo_event where type = 'click'"
                + " group by 1 having count(*) > 1) twice")).as(replay + ": impressions clicked twice").isZero();
        assertThat(count("select count(*) from promo_budget_ledger where kind = 'spend'")).as(replay).isEqualTo(billedCount);
        assertThat(count("select coalesce(sum(amount_cents), 0) from promo_budget_ledger where kind = 'spend'"))
                .as(replay).isEqualTo(billedCents);
        assertThat(count("""
                select count(*) from
                  (select processor_ref, amount_cents, campaign_id from promo_budget_ledger
                   where kind = 'spend' and processor = 'promo_click') l
                full join
                  (select event_id, (extra_json ->> 'billed_cents')::int as billed, campaign_id from promo_event
                   where type = 'click' and (extra_json ->> 'billed_cents')::int > 0) e
                  on e.event_id = l.processor_ref
                where l.processor_ref is null or e.event_id is null or l.amount_cents <> e.billed
                   or l.campaign_id <> e.campaign_id
                """)).as(replay + ": spends without their billed click event, or the reverse").isZero();
        assertThat(count("select count(*) from (select campaign_id, user_id from promo_event where type = 'click' and"
                + " (extra_json ->> 'billed_cents')::int > 0 group by 1, 2 having count(*) > 1) repeated"))
                .as(replay + ": a viewer billed twice for one campaign within the window").isZero();
        assertThat(count("""
                select count(*) from promo_campaign_daily_spend d join promo_campaign c using (campaign_id)
                where d.spent_cents > c.daily_budget_cents
                """)).as(replay + ": I1").isZero();
        assertThat(count("""
                select count(*) from (
                  select campaign_id, (ts at time zone 'UTC')::date as day, type,
                         case when type = 'click' and (extra_json ->> 'billed_cents')::bigint > 0 then 'billed'
                              else coalesce(extra_json ->> 'reason', '') end as outcome, count(*) as events
                  from promo_event group by 1, 2, 3, 4
                ) counted
                full join promo_traffic_daily d on d.campaign_id = counted.campaign_id and d.budget_day = counted.day
                  and d.type = counted.type and d.outcome = counted.outcome
                where d.events is distinct from counted.events
                """)).as(replay + ": daily counts against counting the events").isZero();
        assertThat(traffic.ledger.reconcile()).as(replay).isEmpty();
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = TestDatabase.dataSource().getConnection();
             ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
