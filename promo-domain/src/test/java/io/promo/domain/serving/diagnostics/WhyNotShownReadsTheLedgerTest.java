package io.promo.domain.serving.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.serving.ServingFixture;
import io.promo.domain.serving.Viewer;
import io.promo.domain.serving.diagnostics.Diagnosis;
import io.promo.domain.serving.engine.Check;
import io.promo.domain.serving.index.ServingIndex;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A diagnosis agrees with the balance read beside it: the campaign's money is the ledger's now, not the serving
 * snapshot's, which may be up to a refresh interval older (ADR 0020).
 */
class WhyNotShownReadsTheLedgerTest {

    private static final Instant NOW = Instant.parse("2026-12-10T10:15:00Z");

    private final ServingFixture fixture = new ServingFixture(NOW);
    private final Advertiser advertiser = fixture.advertiser();
    private final Campaign campaign = fixture.active(advertiser, "srv_o2", TestData.settings().keywords()
            .format(Format.FEATURED).cpc(50).dailyBudget(100).pacing(PacingMode.ACCELERATED).build(), 5_000);
    private final DecisionRequest search = new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(),
            ServingFixture.BERLIN, "", Viewer.anonymous("fp"), 20, ServingFixture.organic(10));

    @Test
    void a_diagnosis_right_after_a_billed_click_shows_the_spend_and_balance_the_ledger_holds() {
        ServingIndex snapshot = fixture.refresher.refresh();
        assertThat(fixture.spend(campaign.id(), 50).isBilled()).isTrue();

        Diagnosis diagnosis = fixture.diagnose(campaign.id(), search);

        assertThat(fixture.refresher.current()).as("no time passed: the snapshot is the one before the click")
                .containsSame(snapshot);
        assertThat(diagnosis.check(Check.BALANCE).detail()).isEqualTo("balance 4950¢ covers a click of 50¢");
        assertThat(diagnosis.check(Check.DAILY_BUDGET).detail())
                .startsWith("spent 50¢ of the daily budget of 100¢ today; a click of 50¢ fits");
        assertThat(diagnosis.shown()).isTrue();
    }

    @Test
    void a_daily_budget_used_up_a_moment_ago_is_already_the_deciding_reason() {
        ServingIndex snapshot = fixture.refresher.refresh();
        fixture.spend(campaign.id(), 50);
        fixture.spend(campaign.id(), 50);

        Diagnosis diagnosis = fixture.diagnose(campaign.id(), search);

        assertThat(diagnosis.decidingReason()).contains(Check.DAILY_BUDGET);
        assertThat(diagnosis.check(Check.DAILY_BUDGET).detail()).startsWith("spent 100¢ of the daily budget of 100¢");
        assertThat(snapshot.campaign(campaign.id()).orElseThrow().spentToday)
                .as("the snapshot decisions answer from is left as it was").isZero();
        assertThat(fixture.decide(search).sponsored()).as("decisions catch up within the refresh interval")
                .extracting(PagePosition.Sponsored::campaignId).contains(campaign.id());
    }
}
