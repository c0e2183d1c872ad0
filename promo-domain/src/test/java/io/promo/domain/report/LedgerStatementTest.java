package io.promo.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.ledger.BudgetQueries;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.LedgerPage;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.testing.TestData;
import io.promo.domain.traffic.TrafficFixture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerStatementTest {

    private final TrafficFixture fixture = TrafficFixture.inMemory(TestData.NOW);
    private final LedgerStatement statement = new LedgerStatement(
            new BudgetQueries(fixture.ledger, fixture.campaigns, fixture.calendar, fixture.clock), fixture.stores.reports());

    @Test
    void a_clicks_spend_shows_the_bid_beside_the_price_paid_and_other_entries_show_none() {
        Advertiser owner = fixture.advertiser();
        Campaign campaign = fixture.activeCampaign(owner, 1_000, 5_000);
        fixture.click(fixture.token(campaign.id(), 26, 50), TrafficFixture.BROWSER);
        fixture.click(campaign.id(), 50);

        List<LedgerStatement.Line> lines = statement.page(Actor.tenant(owner.id()), campaign.id(),
                new LedgerPage(LedgerPage.DEFAULT_LIMIT, Optional.empty())).orElseThrow();

        assertThat(lines).extracting(line -> line.entry().kind(), line -> line.entry().amount(), LedgerStatement.Line::bid)
                .containsExactlyInAnyOrder(
                        tuple(EntryKind.SPEND, Money.ofCents(26), Optional.of(Money.ofCents(50))),
                        tuple(EntryKind.SPEND, Money.ofCents(50), Optional.of(Money.ofCents(50))),
                        tuple(EntryKind.TOPUP, Money.ofCents(5_000), Optional.empty()));
    }

    @Test
    void another_tenants_campaign_is_not_found() {
        Campaign campaign = fixture.activeCampaign(fixture.advertiser(), 1_000, 5_000);
        Advertiser stranger = fixture.advertiser();

        Outcome<List<LedgerStatement.Line>> page = statement.page(Actor.tenant(stranger.id()), campaign.id(),
                new LedgerPage(LedgerPage.DEFAULT_LIMIT, Optional.empty()));

        assertThat(page).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected<?>) page).rejection().kind()).isEqualTo(Rejection.Kind.NOT_FOUND);
    }
}
