package io.promo.domain.funding;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.testing.Race;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TopUpRequests} must do; run against the fake and the PostgreSQL adapter. */
public abstract class TopUpRequestsContract {

    private static final Instant LATER = NOW.plus(Duration.ofMinutes(2));

    protected abstract TopUpRequests requests();

    /** Adapters whose requests must name a stored campaign give them here; the fake needs none. */
    protected AdvertiserRepository advertisers() {
        return null;
    }

    protected CampaignRepository campaigns() {
        return null;
    }

    /** Adapters with shared storage empty it here; a fake made per test has nothing to do. */
    protected void emptyStorage() {
    }

    private CampaignId campaign;
    private CampaignId otherCampaign;

    @BeforeEach
    void two_campaigns_exist_in_empty_storage() {
        emptyStorage();
        campaign = aCampaign();
        otherCampaign = aCampaign();
    }

    private CampaignId aCampaign() {
        if (campaigns() == null) {
            return TestData.IDS.newCampaignId();
        }
        Advertiser owner = TestData.anAdvertiser();
        advertisers().insert(owner);
        Campaign draft = TestData.aCampaign(owner.id());
        campaigns().insert(draft);
        return draft.id();
    }

    private TopUpRequest claimed(CampaignId campaignId, String key, long cents) {
        return TopUpRequest.claimed(campaignId, key, Money.ofCents(cents), NOW, LATER);
    }

    @Test
    void a_claimed_request_is_found_with_every_field() {
        TopUpRequest claimed = claimed(campaign, "req-1", 5_000);

        TopUpRequests.Claim claim = requests().claim(claimed);

        assertThat(claim).isEqualTo(new TopUpRequests.Claim(claimed, true));
        assertThat(requests().find(campaign, "req-1")).contains(claimed);
        assertThat(requests().find(campaign, "req-2")).isEmpty();
        assertThat(requests().find(otherCampaign, "req-1")).isEmpty();
    }

    @Test
    void a_key_is_claimed_once_per_campaign_and_a_second_claim_answers_the_first_request_unchanged() {
        TopUpRequest first = claimed(campaign, "req-1", 5_000);
        requests().claim(first);

        TopUpRequests.Claim again = requests().claim(claimed(campaign, "req-1", 7_000));
        TopUpRequests.Claim elsewhere = requests().claim(claimed(otherCampaign, "req-1", 7_000));

        assertThat(again).isEqualTo(new TopUpRequests.Claim(first, false));
        assertThat(elsewhere.newlyClaimed()).isTrue();
        assertThat(requests().find(campaign, "req-1")).contains(first);
    }

    @Test
    void every_final_answer_is_stored_with_its_fields() {
        List<ChargeOutcome> outcomes = List.of(new ChargeOutcome.Succeeded("pi_1"),
                new ChargeOutcome.RequiresAction("pi_2", "pi_2_secret_x"), new ChargeOutcome.Processing("pi_3"),
                new ChargeOutcome.Declined("insufficient_funds", "Your card has insufficient funds."));
        for (int i = 0; i < outcomes.size(); i++) {
            TopUpRequest pending = requests().claim(claimed(campaign, "req-" + i, 5_000)).request();
            TopUpRequest answered = pending.answered(outcomes.get(i), LATER);

            assertThat(requests().replace(pending, answered)).isTrue();
            assertThat(requests().find(campaign, "req-" + i)).contains(answered);
        }
    }

    @Test
    void a_final_answer_is_never_replaced() {
        TopUpRequest pending = requests().claim(claimed(campaign, "req-1", 5_000)).request();
        TopUpRequest charged = pending.answered(new ChargeOutcome.Succeeded("pi_1"), NOW);
        requests().replace(pending, charged);

        boolean replacedAgain = requests().replace(pending, pending.answered(new ChargeOutcome.Succeeded("pi_2"), NOW));

        assertThat(replacedAgain).isFalse();
        assertThat(requests().find(campaign, "req-1")).contains(charged);
    }

    @Test
    void an_attempt_taken_over_by_a_later_one_cannot_store_its_answer() {
        TopUpRequest first = requests().claim(claimed(campaign, "req-1", 5_000)).request();
        TopUpRequest second = first.nextAttempt(LATER.plusSeconds(60));
        assertThat(requests().replace(first, second)).isTrue();

        boolean lateAnswer = requests().replace(first, first.answered(new ChargeOutcome.Succeeded("pi_1"), LATER));

        assertThat(lateAnswer).isFalse();
        assertThat(requests().find(campaign, "req-1")).contains(second);
        TopUpRequest answered = second.answered(new ChargeOutcome.Succeeded("pi_1"), LATER);
        assertThat(requests().replace(second, answered)).isTrue();
        assertThat(requests().find(campaign, "req-1")).contains(answered);
    }

    @Test
    void a_temporary_failure_keeps_the_request_pending_and_open_for_a_retry() {
        TopUpRequest pending = requests().claim(claimed(campaign, "req-1", 5_000)).request();
        TopUpRequest released = pending.answered(new ChargeOutcome.FailedTemporarily("timeout"), NOW.plusSeconds(5));

        assertThat(requests().replace(pending, released)).isTrue();

        TopUpRequest stored = requests().find(campaign, "req-1").orElseThrow();
        assertThat(stored.state()).isEqualTo(TopUpRequest.State.PENDING);
        assertThat(stored.isOpenAt(NOW.plusSeconds(5))).isTrue();
        assertThat(pending.isOpenAt(NOW.plusSeconds(5))).isFalse();
    }

    @Test
    void of_concurrent_claims_of_one_key_exactly_one_stores_it() throws Exception {
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long cents = 5_000 + i;
            claims.add(() -> requests().claim(claimed(campaign, "req-race", cents)).newlyClaimed());
        }

        assertThat(Race.run(claims)).containsOnlyOnce(true);
    }

    @Test
    void of_concurrent_take_overs_of_one_attempt_exactly_one_succeeds() throws Exception {
        TopUpRequest abandoned = requests().claim(claimed(campaign, "req-1", 5_000)).request();
        List<Callable<Boolean>> takeOvers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            takeOvers.add(() -> requests().replace(abandoned, abandoned.nextAttempt(LATER.plusSeconds(120))));
        }

        assertThat(Race.run(takeOvers)).containsOnlyOnce(true);
        assertThat(requests().find(campaign, "req-1").orElseThrow().attempt()).isEqualTo(2);
    }
}
