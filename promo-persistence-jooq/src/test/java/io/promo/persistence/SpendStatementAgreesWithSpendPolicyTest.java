package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.ledger.BudgetSnapshot;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.SpendDecision;
import io.promo.domain.ledger.SpendOutcome;
import io.promo.domain.ledger.SpendPolicy;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.testing.TestData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The spend limits live once, in {@link SpendPolicy}; the ledger's one-statement fast path repeats them in its
 * {@code WHERE} because only there are they atomic with the write (ADR 0022). This test holds the two together:
 * for seeded random budget rows and amounts, edges included (a click exactly at a cap, one cent over, one under; a
 * zero or negative balance; no total budget; every campaign and advertiser status; amounts up to the int column's
 * maximum; the click's day being the row's day, a new day, the first spend, or a closed day), it asks
 * <ul>
 *   <li>the fast-path statement alone: it bills exactly when the row is on the click's day and the policy bills;</li>
 *   <li>the whole adapter spend (statement, then the slow path under the row lock): billed exactly when the policy
 *       bills, else refused with the policy's reason.</li>
 * </ul>
 * Every case runs on one campaign's budget row, set as the case says, and is rolled back.
 *
 * <p>The seed is printed first and heads a failure; replay it with
 * <pre>
 * mvn -B verify -pl promo-persistence-jooq -am -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest='SpendStatementAgreesWithSpendPolicyTest' -Dspend.policy.seed=42 -Dspend.policy.cases=5000
 * </pre>
 */
class SpendStatementAgreesWithSpendPolicyTest {

    private static final long SEED = Long.getLong("spend.policy.seed", ThreadLocalRandom.current().nextLong());
    private static final int CASES = Integer.getInteger("spend.policy.cases", 500);

    private static final LocalDate CLICK_DAY = LocalDate.of(2026, 11, 27);
    private static final Instant CLICK_TIME = CLICK_DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);

    private static final String SET_BUDGET_ROW = """
            update promo_campaign_budget
            set campaign_status = ?, advertiser_status = ?, daily_budget_cents = ?, total_budget_cents = ?,
                balance_cents = ?, spent_total_cents = ?, spend_day = ?, spent_on_day_cents = ?
            where campaign_id = ?
            """;
    private static final String CLEAR_CLOSED_DAYS = "delete from promo_campaign_closed_day_spend where campaign_id = ?";
    private static final String SET_CLOSED_DAY =
            "insert into promo_campaign_closed_day_spend (campaign_id, budget_day, spent_cents) values (?, ?, ?)";

    /** Where the click's budget day stands against the budget row's spend day. */
    enum Day {
        /** The row's current day: the fast path can bill. */
        ROW_DAY,
        /** After the row's day: a new day, no spend on it yet. */
        NEW_DAY,
        /** The campaign's first spend: the row has no day. */
        FIRST_SPEND,
        /** Before the row's day: a late click of a closed day, whose spend is in the closed-day table. */
        CLOSED_DAY,
        /** Before the row's day, and the closed-day table has no row for it. */
        CLOSED_DAY_WITHOUT_SPEND
    }

    /** How one limit stands against the click: the figures follow from it. */
    enum Edge { EXACTLY_AT_CAP, ONE_CENT_OVER, ONE_CENT_UNDER, WELL_UNDER, WELL_OVER }

    enum BalanceEdge { EXACTLY_COVERS, ONE_CENT_SHORT, ZERO, NEGATIVE, PLENTY }

    /** One generated budget row and click, in cents; {@code totalBudget} null for none. */
    record Case(int number, CampaignStatus campaignStatus, AdvertiserStatus advertiserStatus, Day day, long amount,
                long dailyBudget, long spentOnClickDay, Long totalBudget, long spentTotal, long balance,
                long spentOnRowDay) {

        BudgetSnapshot snapshot() {
            return new BudgetSnapshot(campaignStatus, advertiserStatus, Money.ofCents(dailyBudget),
                    Optional.ofNullable(totalBudget).map(Money::ofCents), Money.ofCents(spentOnClickDay),
                    Money.ofCents(spentTotal), Money.ofCents(balance));
        }

        LocalDate rowDay() {
            return switch (day) {
                case ROW_DAY -> CLICK_DAY;
                case NEW_DAY -> CLICK_DAY.minusDays(1 + number % 3);
                case FIRST_SPEND -> null;
                case CLOSED_DAY, CLOSED_DAY_WITHOUT_SPEND -> CLICK_DAY.plusDays(1 + number % 3);
            };
        }
    }

    @Test
    void the_spend_statement_and_the_adapter_bill_or_refuse_exactly_as_the_spend_policy_decides() throws Exception {
        String replay = "seed=" + SEED + ", " + CASES + " cases; replay with -Dspend.policy.seed=" + SEED
                + " -Dspend.policy.cases=" + CASES;
        System.out.println("SpendStatementAgreesWithSpendPolicyTest " + replay);
        PostgresFixture.emptyDatabase();
        CampaignId campaign = aCampaign();
        Random random = new Random(SEED);

        List<String> disagreements = new ArrayList<>();
        Map<String, Integer> seen = new TreeMap<>();
        long started = System.nanoTime();
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            for (int i = 0; i < CASES; i++) {
                Case c = generate(i, random);
                SpendDecision policy = SpendPolicy.decide(c.snapshot(), Money.ofCents(c.amount()));
                setBudgetRow(connection, campaign, c);
                LedgerEntry spend = spendOf(campaign, c);

                connection.setAutoCommit(false);
                boolean statementBilled = JooqBudgetLedger.spendOnCurrentDay(connection, spend, CLICK_DAY);
                connection.rollback();
                SpendOutcome adapter = JooqBudgetLedger.spendInTransaction(connection, spend, CLICK_DAY);
                connection.rollback();
                connection.setAutoCommit(true);

                boolean statementShouldBill = c.day() == Day.ROW_DAY && policy.isBill();
                if (statementBilled != statementShouldBill) {
                    disagreements.add("the statement " + (statementBilled ? "billed" : "did not bill") + ", the policy "
                            + describe(policy) + ": " + c);
                }
                if (!describe(adapter).equals(describe(policy))) {
                    disagreements.add("the adapter " + describe(adapter) + ", the policy " + describe(policy) + ": " + c);
                }
                seen.merge(describe(policy), 1, Integer::sum);
                seen.merge("day " + c.day(), 1, Integer::sum);
                if (statementBilled) {
                    seen.merge("billed by the statement", 1, Integer::sum);
                }
            }
        }
        System.out.printf("SpendStatementAgreesWithSpendPolicyTest: %d cases in %d ms: %s%n", CASES,
                (System.nanoTime() - started) / 1_000_000, seen);

        assertThat(disagreements).as("SpendStatementAgreesWithSpendPolicyTest, " + replay)
                .withFailMessage("%s", disagreements.size() + " disagreement(s):"
                        + System.lineSeparator() + disagreements.stream().limit(20)
                        .collect(Collectors.joining(System.lineSeparator())))
                .isEmpty();
        // A generator that never reached an outcome would agree about nothing there.
        assertThat(seen).as("outcomes and days the cases reached [" + replay + "]").containsKeys(
                "billed", "refused CAMPAIGN_NOT_BILLABLE", "refused DAILY_BUDGET", "refused TOTAL_BUDGET",
                "refused BALANCE", "billed by the statement", "day ROW_DAY", "day NEW_DAY", "day FIRST_SPEND",
                "day CLOSED_DAY", "day CLOSED_DAY_WITHOUT_SPEND");
    }

    private static Case generate(int number, Random random) {
        boolean billable = random.nextInt(4) > 0;
        CampaignStatus campaignStatus = billable ? pick(random, CampaignStatus.ACTIVE, CampaignStatus.PAUSED)
                : pick(random, CampaignStatus.values());
        AdvertiserStatus advertiserStatus = billable ? pick(random, AdvertiserStatus.ACTIVE, AdvertiserStatus.PAUSED)
                : pick(random, AdvertiserStatus.values());
        // The row's own day most often: that is where the statement bills.
        Day day = random.nextInt(5) < 2 ? Day.ROW_DAY : pick(random, Day.values());
        long amount = switch (random.nextInt(10)) {
            case 0 -> 1;
            case 1 -> Integer.MAX_VALUE - random.nextInt(3);
            case 2, 3 -> 1 + random.nextInt(100_000);
            default -> 1 + random.nextInt(500);
        };
        long spentOnClickDay = switch (day) {
            case ROW_DAY, CLOSED_DAY -> usage(random);
            case NEW_DAY, FIRST_SPEND, CLOSED_DAY_WITHOUT_SPEND -> 0;
        };
        long dailyBudget = cap(spentOnClickDay, amount, edge(random), random);
        long spentTotal = spentOnClickDay + usage(random);
        Long totalBudget = random.nextInt(4) == 0 ? null : cap(spentTotal, amount, edge(random), random);
        BalanceEdge balanceEdge = random.nextBoolean() ? pick(random, BalanceEdge.EXACTLY_COVERS, BalanceEdge.PLENTY)
                : pick(random, BalanceEdge.values());
        long balance = switch (balanceEdge) {
            case EXACTLY_COVERS -> amount;
            case ONE_CENT_SHORT -> amount - 1;
            case ZERO -> 0;
            case NEGATIVE -> -1 - random.nextInt(10_000);
            case PLENTY -> amount + random.nextInt(1_000_000);
        };
        // What the row holds for its own day, when that is not the click's day: no limit of the click reads it.
        long spentOnRowDay = switch (day) {
            case ROW_DAY -> spentOnClickDay;
            case FIRST_SPEND -> 0;
            case NEW_DAY, CLOSED_DAY, CLOSED_DAY_WITHOUT_SPEND -> usage(random);
        };
        return new Case(number, campaignStatus, advertiserStatus, day, amount, dailyBudget, spentOnClickDay,
                totalBudget, spentTotal, balance, spentOnRowDay);
    }

    /** Every edge, the ones a click fits more often, so that about a third of the cases bill. */
    private static Edge edge(Random random) {
        return random.nextBoolean() ? pick(random, Edge.EXACTLY_AT_CAP, Edge.ONE_CENT_UNDER, Edge.WELL_UNDER)
                : pick(random, Edge.values());
    }

    /** Spend so far: often none, mostly small, sometimes near the int range. */
    private static long usage(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> Integer.MAX_VALUE - random.nextInt(1_000);
            default -> random.nextInt(10_000);
        };
    }

    /** A budget that puts {@code used + amount} at the edge, within the int column (1 to its maximum). */
    private static long cap(long used, long amount, Edge edge, Random random) {
        long atCap = used + amount;
        long cap = switch (edge) {
            case EXACTLY_AT_CAP -> atCap;
            case ONE_CENT_OVER -> atCap - 1;
            case ONE_CENT_UNDER -> atCap + 1;
            case WELL_UNDER -> atCap + 1 + random.nextInt(100_000);
            case WELL_OVER -> atCap - 1 - random.nextInt(100_000);
        };
        return Math.max(1, Math.min(Integer.MAX_VALUE, cap));
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static String describe(SpendDecision decision) {
        return decision instanceof SpendDecision.Refuse refused ? "refused " + refused.reason() : "billed";
    }

    private static String describe(SpendOutcome outcome) {
        return outcome instanceof SpendOutcome.NotBilled refused ? "refused " + refused.reason() : "billed";
    }

    private static CampaignId aCampaign() {
        Advertiser advertiser = TestData.anAdvertiser();
        PostgresFixture.repositories().advertisers().insert(advertiser);
        Campaign campaign = TestData.aCampaign(advertiser.id());
        PostgresFixture.repositories().campaigns().insert(campaign);
        return campaign.id();
    }

    private static LedgerEntry spendOf(CampaignId campaign, Case c) {
        String click = "pevt_agreement_" + c.number();
        return new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign, EntryKind.SPEND, Money.ofCents(c.amount()),
                new IdempotencyKey(IdempotencyKey.CLICK, click), Optional.of("click " + click),
                CLICK_TIME);
    }

    /** The budget row and the closed-day table as the case says, committed (each case's spend is rolled back). */
    private static void setBudgetRow(Connection connection, CampaignId campaign, Case c) throws SQLException {
        try (PreparedStatement row = connection.prepareStatement(SET_BUDGET_ROW);
             PreparedStatement clear = connection.prepareStatement(CLEAR_CLOSED_DAYS);
             PreparedStatement closed = connection.prepareStatement(SET_CLOSED_DAY)) {
            row.setString(1, c.campaignStatus().code());
            row.setString(2, c.advertiserStatus().code());
            row.setLong(3, c.dailyBudget());
            row.setObject(4, c.totalBudget());
            row.setLong(5, c.balance());
            row.setLong(6, c.spentTotal());
            row.setObject(7, c.rowDay());
            row.setLong(8, c.spentOnRowDay());
            row.setString(9, campaign.value());
            assertThat(row.executeUpdate()).as("the campaign's budget row").isEqualTo(1);
            clear.setString(1, campaign.value());
            clear.executeUpdate();
            if (c.day() == Day.CLOSED_DAY) {
                closed.setString(1, campaign.value());
                closed.setObject(2, CLICK_DAY);
                closed.setLong(3, c.spentOnClickDay());
                closed.executeUpdate();
            }
        }
    }
}
