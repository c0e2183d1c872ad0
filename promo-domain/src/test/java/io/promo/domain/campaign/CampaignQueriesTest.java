package io.promo.domain.campaign;

import static io.promo.domain.shared.Outcomes.kindOf;
import static io.promo.domain.shared.Outcomes.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.Rejection;
import io.promo.domain.testing.TestData;
import org.junit.jupiter.api.Test;

class CampaignQueriesTest {

    private final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    private final CampaignQueries queries = new CampaignQueries(campaigns);

    private final AdvertiserId alice = TestData.IDS.newAdvertiserId();
    private final AdvertiserId bob = TestData.IDS.newAdvertiserId();
    private final Campaign alicesFirst = stored(TestData.aCampaign(alice));
    private final Campaign alicesSecond = stored(TestData.aCampaign(alice));
    private final Campaign bobs = stored(TestData.aCampaign(bob));

    @Test
    void a_tenant_reads_its_own_campaign() {
        assertThat(queries.get(Actor.tenant(alice), alicesFirst.id()).orElseThrow()).isEqualTo(alicesFirst);
    }

    @Test
    void a_tenant_cannot_tell_another_tenants_campaign_from_a_missing_one() {
        Rejection foreign = rejectionOf(queries.get(Actor.tenant(alice), bobs.id()));
        Rejection missing = rejectionOf(
                queries.get(Actor.tenant(alice), TestData.IDS.newCampaignId()));

        assertThat(foreign.kind()).isEqualTo(Rejection.Kind.NOT_FOUND);
        assertThat(missing.kind()).isEqualTo(Rejection.Kind.NOT_FOUND);
        assertThat(foreign.detail()).doesNotContain(bob.value());
    }

    @Test
    void an_admin_reads_any_campaign() {
        assertThat(queries.get(Actor.ADMIN, bobs.id()).orElseThrow()).isEqualTo(bobs);
    }

    @Test
    void a_tenant_lists_only_its_own_campaigns() {
        assertThat(queries.list(Actor.tenant(alice), alice)).containsExactlyInAnyOrder(alicesFirst, alicesSecond);
        assertThat(queries.list(Actor.tenant(bob), bob)).containsExactly(bobs);
    }

    @Test
    void a_tenant_listing_another_advertiser_gets_nothing() {
        assertThat(queries.list(Actor.tenant(alice), bob)).isEmpty();
    }

    @Test
    void an_admin_lists_any_advertisers_campaigns() {
        assertThat(queries.list(Actor.ADMIN, bob)).containsExactly(bobs);
    }

    @Test
    void an_unknown_campaign_is_not_found_even_for_an_admin() {
        assertThat(kindOf(queries.get(Actor.ADMIN, TestData.IDS.newCampaignId()))).isEqualTo(Rejection.Kind.NOT_FOUND);
    }

    private Campaign stored(Campaign campaign) {
        campaigns.insert(campaign);
        return campaign;
    }
}
