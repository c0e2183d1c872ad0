package io.promo.domain.pricing;

import static io.promo.domain.testing.TestData.BERLIN;
import static io.promo.domain.testing.TestData.PARIS;
import static io.promo.domain.testing.TestData.aPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.pricing.EffectivePolicy.Source;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyCatalogTest {

    private static final PolicyLimits DEFAULT = new PolicyLimits(Money.ofCents(5), 3, 1);
    private static final Optional<RoleCode> PHOTOGRAPHER = Optional.of(new RoleCode("photographer"));

    private final InMemoryPolicyRepository policies = new InMemoryPolicyRepository();
    private final PolicyCatalog catalog = new PolicyCatalog(policies, DEFAULT);

    @Test
    void with_no_policies_everything_resolves_to_the_deployment_default() {
        EffectivePolicy effective = catalog.resolve(Surface.PEOPLE_SEARCH, PHOTOGRAPHER, BERLIN);

        assertThat(effective.source()).isEqualTo(Source.DEPLOYMENT_DEFAULT);
        assertThat(effective.limits()).isEqualTo(DEFAULT).isEqualTo(catalog.deploymentDefault());
    }

    @Test
    void resolve_follows_the_chain_over_the_stored_policies() {
        Policy berlin = policies.upsert(aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, BERLIN), 40));
        Policy photographers = policies.upsert(
                aPolicy(new PolicyScope(Surface.PEOPLE_SEARCH, PHOTOGRAPHER, BERLIN), 90));

        assertThat(catalog.resolve(Surface.PEOPLE_SEARCH, PHOTOGRAPHER, BERLIN).policy()).contains(photographers);
        assertThat(catalog.resolve(Surface.PEOPLE_SEARCH, Optional.of(new RoleCode("model")), BERLIN).policy())
                .contains(berlin);
        assertThat(catalog.resolve(Surface.PEOPLE_SEARCH, PHOTOGRAPHER, PARIS).source())
                .isEqualTo(Source.DEPLOYMENT_DEFAULT);
    }

    @Test
    void a_policy_stored_after_the_catalog_was_made_is_seen_at_once() {
        assertThat(catalog.resolve(Surface.PEOPLE_SEARCH, Optional.empty(), BERLIN).source())
                .isEqualTo(Source.DEPLOYMENT_DEFAULT);

        policies.upsert(aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, BERLIN), 40));

        assertThat(catalog.resolve(Surface.PEOPLE_SEARCH, Optional.empty(), BERLIN).limits().cpcFloor())
                .isEqualTo(Money.ofCents(40));
    }

    @Test
    void a_resolver_is_a_snapshot_of_the_policies_when_it_was_taken() {
        PolicyResolver snapshot = catalog.resolver();
        policies.upsert(aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, BERLIN), 40));

        assertThat(snapshot.resolveCityWide(Surface.PEOPLE_SEARCH, BERLIN).source()).isEqualTo(Source.DEPLOYMENT_DEFAULT);
    }

    @Test
    void the_catalog_lists_the_stored_policies() {
        Policy berlin = policies.upsert(aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, BERLIN), 40));
        Policy paris = policies.upsert(aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, PARIS), 60));

        assertThat(catalog.listPolicies()).containsExactly(berlin, paris);
    }
}
