package io.promo.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.LedgerPage;
import io.promo.domain.report.CampaignReport;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CreditInvalidClicksTest {

    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

    private final TrafficFixture traffic = TrafficFixture.inMemory(START);
    private final Advertiser owner = traffic.advertiser();
    private final Campaign campaign = traffic.activeCampaign(owner, 1_000, 5_000);

    private CreditInvalidClicksCommand period(Instant from, Instant to) {
        return new CreditInvalidClicksCommand(Actor.ADMIN, campaign.id(), from, to, "click farm found by review");
    }

    private long credits() {
        return traffic.ledger.entries(campaign.id(), LedgerPage.first(500)).stream()
                .filter(e -> e.kind() == EntryKind.CREDIT).count();
    }

    @Test
    void each_billed_click_of_the_period_gets_exactly_one_credit_however_often_asked() {
        traffic.click(campaign.id(), 50);
        traffic.click(campaign.id(), 60);
        traffic.click(traffic.token(campaign.id(), 70), "curl/8.5.0"); // invalid: never billed, never credited
        traffic.clock.advance(Duration.ofHours(2));
        traffic.click(campaign.id(), 80); // outside the first period

        CreditedClicks first = traffic.creditInvalidClicks.credit(period(START, START.plus(Duration.ofHours(1)))).orElseThrow();
        CreditedClicks again = traffic.creditInvalidClicks.credit(period(START, START.plus(Duration.ofHours(1)))).orElseThrow();
        CreditedClicks wider = traffic.creditInvalidClicks.credit(period(START, START.plus(Duration.ofHours(3)))).orElseThrow();

        assertThat(first).isEqualTo(new CreditedClicks(2, 2, 0, Money.ofCents(110)));
        assertThat(again).isEqualTo(new CreditedClicks(2, 0, 2, Money.ZERO));
        assertThat(wider).isEqualTo(new CreditedClicks(3, 1, 2, Money.ofCents(80)));
        assertThat(credits()).isEqualTo(3);
        assertThat(traffic.ledger.state(campaign.id(), LocalDate.of(2026, 11, 23)).balance())
                .isEqualTo(Money.ofCents(5_000));
        assertThat(traffic.ledger.reconcile()).isEmpty();
    }

    @Test
    void the_report_shows_the_credits_on_the_day_of_the_clicks() {
        traffic.click(campaign.id(), 50);
        traffic.clock.advance(Duration.ofDays(2));
        traffic.creditInvalidClicks.credit(period(START, traffic.clock.instant()));

        CampaignReport report = traffic.reports.campaign(Actor.tenant(owner.id()), campaign.id(), LocalDate.of(2026, 11, 23),
                LocalDate.of(2026, 11, 25)).orElseThrow();

        assertThat(report.days().get(0).figures().creditedClicks()).isEqualTo(1);
        assertThat(report.days().get(0).figures().credited()).isEqualTo(Money.ofCents(50));
        assertThat(report.totals().credited()).isEqualTo(Money.ofCents(50));
    }

    @Test
    void a_period_that_ends_before_it_starts_is_refused_as_a_business_rule_and_credits_nothing() {
        traffic.click(campaign.id(), 50);

        var refused = traffic.creditInvalidClicks.credit(period(START.plusSeconds(60), START));

        assertThat(refused).isInstanceOfSatisfying(io.promo.domain.shared.Outcome.Rejected.class, rejected -> {
            assertThat(rejected.rejection().kind()).isEqualTo(Rejection.Kind.INVALID);
            assertThat(rejected.rejection().breaksForm()).isFalse();
            assertThat(rejected.rejection().violations()).extracting(v -> v.field()).containsExactly("to");
        });
        assertThat(credits()).isZero();
    }

    @Test
    void only_an_admin_credits_and_only_a_known_campaign() {
        traffic.click(campaign.id(), 50);

        var tenant = traffic.creditInvalidClicks.credit(new CreditInvalidClicksCommand(Actor.tenant(owner.id()), campaign.id(),
                START, START.plusSeconds(60), "mine"));
        var unknown = traffic.creditInvalidClicks.credit(new CreditInvalidClicksCommand(Actor.ADMIN,
                io.promo.domain.testing.TestData.IDS.newCampaignId(), START, START.plusSeconds(60), "why"));

        assertThat(((io.promo.domain.shared.Outcome.Rejected<?>) tenant).rejection().kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
        assertThat(((io.promo.domain.shared.Outcome.Rejected<?>) unknown).rejection().kind()).isEqualTo(Rejection.Kind.NOT_FOUND);
        assertThat(credits()).isZero();
    }

    @Test
    void a_period_without_an_end_or_a_reason_cannot_be_built() {
        // An end before the start is the use case's refusal (a rule relating two fields, ADR 0008), tested above.
        assertThatThrownBy(() -> new CreditInvalidClicksCommand(Actor.ADMIN, campaign.id(), START, null, " "))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("to").hasMessageContaining("reason");
    }
}
