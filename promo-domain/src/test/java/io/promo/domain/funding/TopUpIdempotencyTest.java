package io.promo.domain.funding;

import static io.promo.domain.shared.Outcomes.kindOf;
import static io.promo.domain.shared.Outcomes.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.testing.Race;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client's idempotency key is kept by promo, not by the processor (ADR 0015): the same key and amount
 * answer the first result at any later time, another amount is a conflict, and one key charges once
 * however many requests race with it. "A restart" is a new use case on the same storage with a processor
 * that remembers nothing.
 */
class TopUpIdempotencyTest {

    private final FundingFixture fixture = new FundingFixture();
    private final Actor owner = Actor.tenant(fixture.advertiser.id());

    private Outcome<TopUpResult> topUp(TopUpCampaign useCase, long cents, String key) {
        return useCase.topUp(new TopUpCommand(owner, fixture.campaign.id(), Money.ofCents(cents), key));
    }

    @Test
    void a_reused_key_with_another_amount_is_a_conflict_and_charges_nothing() {
        FakePaymentGateway gateway = new FakePaymentGateway();
        TopUpCampaign topUp = fixture.topUpCampaign(gateway);
        topUp(topUp, 5_000, "first-topup").orElseThrow();

        Outcome<TopUpResult> reused = topUp(topUp, 7_000, "first-topup");

        assertThat(kindOf(reused)).isEqualTo(Rejection.Kind.CONFLICT);
        assertThat(rejectionOf(reused).detail()).contains("first-topup").contains("5000").contains("7000");
        assertThat(gateway.requests()).hasSize(1);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_reused_key_with_another_amount_is_a_conflict_after_a_restart_too() {
        topUp(fixture.topUpCampaign(new ForgetfulPaymentGateway()), 5_000, "first-topup").orElseThrow();
        ForgetfulPaymentGateway afterRestart = new ForgetfulPaymentGateway();

        Outcome<TopUpResult> reused = topUp(fixture.topUpCampaign(afterRestart), 7_000, "first-topup");

        assertThat(kindOf(reused)).isEqualTo(Rejection.Kind.CONFLICT);
        assertThat(afterRestart.charges()).isZero();
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void the_same_key_after_a_restart_and_a_processor_that_forgot_it_answers_the_first_top_up_without_charging() {
        ForgetfulPaymentGateway beforeRestart = new ForgetfulPaymentGateway();
        TopUpResult first = topUp(fixture.topUpCampaign(beforeRestart), 5_000, "first-topup").orElseThrow();
        ForgetfulPaymentGateway afterRestart = new ForgetfulPaymentGateway();

        TopUpResult again = topUp(fixture.topUpCampaign(afterRestart), 5_000, "first-topup").orElseThrow();

        assertThat(again).isEqualTo(first);
        assertThat(beforeRestart.charges() + afterRestart.charges()).isEqualTo(1);
        assertThat(fixture.entries(EntryKind.TOPUP)).hasSize(1);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_declined_answer_is_repeated_for_its_key_without_asking_the_processor_again() {
        FakePaymentGateway gateway = new FakePaymentGateway();
        gateway.thenAnswer(new ChargeOutcome.Declined("insufficient_funds", "Your card has insufficient funds."));
        TopUpResult first = topUp(fixture.topUpCampaign(gateway), 5_000, "req-1").orElseThrow();
        ForgetfulPaymentGateway afterRestart = new ForgetfulPaymentGateway();

        TopUpResult again = topUp(fixture.topUpCampaign(afterRestart), 5_000, "req-1").orElseThrow();

        assertThat(again).isEqualTo(first).isInstanceOf(TopUpResult.Declined.class);
        assertThat(afterRestart.charges()).isZero();
        assertThat(fixture.entries()).isEmpty();
    }

    @Test
    void a_payment_waiting_for_the_card_holder_is_answered_again_with_its_client_secret() {
        FakePaymentGateway gateway = new FakePaymentGateway();
        gateway.thenAnswer(new ChargeOutcome.RequiresAction("pi_3ds", "pi_3ds_secret_abc"));
        topUp(fixture.topUpCampaign(gateway), 5_000, "req-1").orElseThrow();
        ForgetfulPaymentGateway afterRestart = new ForgetfulPaymentGateway();

        TopUpResult again = topUp(fixture.topUpCampaign(afterRestart), 5_000, "req-1").orElseThrow();

        assertThat(again).isEqualTo(new TopUpResult.ActionRequired("pi_3ds", "pi_3ds_secret_abc"));
        assertThat(afterRestart.charges()).isZero();
    }

    @Test
    void concurrent_requests_with_one_key_make_one_charge() throws Exception {
        ForgetfulPaymentGateway gateway = new ForgetfulPaymentGateway();
        List<Callable<Outcome<TopUpResult>>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // Each request on a use case of its own, as on several nodes.
            TopUpCampaign node = fixture.topUpCampaign(gateway);
            requests.add(() -> topUp(node, 5_000, "req-race"));
        }

        List<Outcome<TopUpResult>> answers = Race.run(requests);

        assertThat(gateway.charges()).isEqualTo(1);
        assertThat(fixture.entries(EntryKind.TOPUP)).hasSize(1);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
        assertThat(answers).allSatisfy(answer -> assertThat(answer).isInstanceOf(Outcome.Accepted.class));
    }

    @Test
    void while_a_key_is_charging_another_request_with_it_is_told_to_retry_shortly_and_charges_nothing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ForgetfulPaymentGateway slow = new ForgetfulPaymentGateway(release);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<Outcome<TopUpResult>> charging = first.submit(() -> topUp(fixture.topUpCampaign(slow), 5_000, "req-1"));
            while (slow.requests().isEmpty()) {
                Thread.sleep(5);
            }
            ForgetfulPaymentGateway otherNode = new ForgetfulPaymentGateway();

            TopUpResult meanwhile = topUp(fixture.topUpCampaign(otherNode), 5_000, "req-1").orElseThrow();
            release.countDown();
            TopUpResult charged = charging.get(10, TimeUnit.SECONDS).orElseThrow();

            assertThat(meanwhile).isInstanceOf(TopUpResult.InProgress.class);
            assertThat(((TopUpResult.InProgress) meanwhile).retryAfter()).isPositive()
                    .isLessThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(otherNode.charges()).isZero();
            assertThat(topUp(fixture.topUpCampaign(otherNode), 5_000, "req-1").orElseThrow()).isEqualTo(charged);
        } finally {
            release.countDown();
            first.shutdownNow();
        }
    }

    @Test
    void a_charge_abandoned_by_a_crash_is_charged_again_with_the_same_processor_key_once_its_time_is_up() {
        // A node claimed the key and died during the charge: the request stays pending, nothing booked.
        fixture.topUpRequests.claim(TopUpRequest.claimed(fixture.campaign.id(), "req-1", Money.ofCents(5_000),
                fixture.clock.instant(), fixture.clock.instant().plus(TopUpCampaign.CHARGE_IN_FLIGHT)));
        FakePaymentGateway gateway = new FakePaymentGateway();
        TopUpCampaign survivor = fixture.topUpCampaign(gateway);

        TopUpResult tooEarly = topUp(survivor, 5_000, "req-1").orElseThrow();
        fixture.clock.advance(TopUpCampaign.CHARGE_IN_FLIGHT);
        TopUpResult takenOver = topUp(survivor, 5_000, "req-1").orElseThrow();

        assertThat(tooEarly).isInstanceOf(TopUpResult.InProgress.class);
        assertThat(takenOver).isInstanceOf(TopUpResult.Charged.class);
        assertThat(gateway.requests()).extracting(ChargeRequest::idempotencyKey)
                .containsExactly(TopUpCampaign.processorIdempotencyKey(fixture.campaign.id(), "req-1"));
        assertThat(fixture.topUpRequests.find(fixture.campaign.id(), "req-1").orElseThrow().attempt()).isEqualTo(2);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_charge_stored_before_a_crash_but_not_booked_is_booked_once_by_the_next_request_with_its_key() {
        TopUpRequest claimed = fixture.topUpRequests.claim(TopUpRequest.claimed(fixture.campaign.id(), "req-1",
                Money.ofCents(5_000), fixture.clock.instant(), fixture.clock.instant().plusSeconds(60))).request();
        fixture.topUpRequests.replace(claimed, claimed.answered(new ChargeOutcome.Succeeded("pi_before_crash"),
                fixture.clock.instant()));
        ForgetfulPaymentGateway afterRestart = new ForgetfulPaymentGateway();

        TopUpResult answer = topUp(fixture.topUpCampaign(afterRestart), 5_000, "req-1").orElseThrow();
        TopUpResult again = topUp(fixture.topUpCampaign(afterRestart), 5_000, "req-1").orElseThrow();

        assertThat(answer).isInstanceOf(TopUpResult.Charged.class).isEqualTo(again);
        assertThat(((TopUpResult.Charged) answer).processorRef()).isEqualTo("pi_before_crash");
        assertThat(afterRestart.charges()).isZero();
        assertThat(fixture.entries(EntryKind.TOPUP)).hasSize(1);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void another_campaigns_request_with_the_same_client_key_is_its_own() {
        Campaign other = fixture.activeCampaign(fixture.advertiser);
        ForgetfulPaymentGateway gateway = new ForgetfulPaymentGateway();
        topUp(fixture.topUpCampaign(gateway), 5_000, "req-1").orElseThrow();

        TopUpResult elsewhere = fixture.topUpCampaign(gateway).topUp(
                new TopUpCommand(owner, other.id(), Money.ofCents(7_000), "req-1")).orElseThrow();

        assertThat(elsewhere).isInstanceOf(TopUpResult.Charged.class);
        assertThat(gateway.charges()).isEqualTo(2);
        assertThat(fixture.balance(other.id())).isEqualTo(Money.ofCents(7_000));
    }
}
