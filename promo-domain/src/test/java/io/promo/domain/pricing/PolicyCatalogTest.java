package io.promo.domain.pricing;

import static io.promo.domain.testing.TestData.BERLIN;
import static io.promo.domain.testing.TestData.PARIS;
import static io.promo.domain.testing.TestData.aPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.pricing.EffectivePolicy.Source;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyCatalogTest {

    private static final PolicyLimits DEFAULT = new PolicyLimits(Money.ofCents(5), 3, 1);
    private static final Optional<RoleCode> PHOTOGRAPHER = Optional.of(new RoleCode("photographer"));
    private static final Optional<RoleCode> MODEL = Optional.of(new RoleCode("model"));

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
    void a_pricing_mode_comes_from_the_matched_policy_else_its_city_wide_one_else_the_deployment() {
        PolicyScope berlin = PolicyScope.cityWide(Surface.PEOPLE_SEARCH, BERLIN);
        policies.upsert(withMode(aPolicy(berlin, 40), PricingMode.FIRST_PRICE));
        policies.upsert(aPolicy(new PolicyScope(Surface.PEOPLE_SEARCH, PHOTOGRAPHER, BERLIN), 90));
        policies.upsert(withMode(aPolicy(new PolicyScope(Surface.PEOPLE_SEARCH, MODEL, BERLIN), 50), PricingMode.SECOND_PRICE));
        policies.upsert(aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, PARIS), 40));

        assertThat(catalog.resolve(Surface.PEOPLE_SEARCH, Optional.empty(), BERLIN).pricingMode(PricingMode.SECOND_PRICE))
                .isEqualTo(PricingMode.FIRST_PRICE);
        assertThat(catalog.resolve(Surface.PEOPLE_SEARCH, PHOTOGRAPHER, BERLIN).pricingMode(PricingMode.SECOND_PRICE))
                .as("the role's policy sets none: the city's").isEqualTo(PricingMode.FIRST_PRICE);
        assertThat(catalog.resolve(Surface.PEOPLE_SEARCH, MODEL, BERLIN).pricingMode(PricingMode.FIRST_PRICE))
                .as("the role's own").isEqualTo(PricingMode.SECOND_PRICE);
        assertThat(catalog.resolve(Surface.PEOPLE_SEARCH, PHOTOGRAPHER, PARIS).pricingMode(PricingMode.SECOND_PRICE))
                .as("no policy sets one: the deployment's").isEqualTo(PricingMode.SECOND_PRICE);
        assertThat(catalog.resolve(Surface.PEOPLE_SEARCH, PHOTOGRAPHER, new CityCode("rome")).pricingMode(PricingMode.FIRST_PRICE))
                .isEqualTo(PricingMode.FIRST_PRICE);
    }

    private static Policy withMode(Policy policy, PricingMode mode) {
        return new Policy(policy.id(), policy.scope(), policy.limits(), policy.updatedAt(), Optional.of(mode));
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
