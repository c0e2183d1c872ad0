package io.promo.domain.pricing;

import static io.promo.domain.testing.TestData.BERLIN;
import static io.promo.domain.testing.TestData.PARIS;
import static io.promo.domain.testing.TestData.aPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.pricing.EffectivePolicy.Source;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docs/design.md "Administer": (surface, role, city) → (surface, any role, city) → deployment default. */
class PolicyResolverTest {

    private static final PolicyLimits DEFAULT = new PolicyLimits(Money.ofCents(5), 3, 1);
    private static final Optional<RoleCode> PHOTOGRAPHER = Optional.of(new RoleCode("photographer"));
    private static final Optional<RoleCode> MODEL = Optional.of(new RoleCode("model"));

    private final Policy photographersInBerlin =
            aPolicy(new PolicyScope(Surface.PEOPLE_SEARCH, PHOTOGRAPHER, BERLIN), 90);
    private final Policy berlin = aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, BERLIN), 40);

    private final PolicyResolver resolver = new PolicyResolver(List.of(photographersInBerlin, berlin), DEFAULT);

    @Test
    void a_policy_for_the_exact_role_and_city_wins() {
        EffectivePolicy effective = resolver.resolve(Surface.PEOPLE_SEARCH, PHOTOGRAPHER, BERLIN);

        assertThat(effective.source()).isEqualTo(Source.ROLE_AND_CITY);
        assertThat(effective.policy()).contains(photographersInBerlin);
        assertThat(effective.limits().cpcFloor()).isEqualTo(Money.ofCents(90));
    }

    @Test
    void a_role_without_its_own_policy_falls_back_to_the_city_wide_one() {
        EffectivePolicy effective = resolver.resolve(Surface.PEOPLE_SEARCH, MODEL, BERLIN);

        assertThat(effective.source()).isEqualTo(Source.CITY);
        assertThat(effective.policy()).contains(berlin);
        assertThat(effective.limits().cpcFloor()).isEqualTo(Money.ofCents(40));
    }

    @Test
    void a_query_without_a_role_gets_the_city_wide_policy_not_a_role_specific_one() {
        assertThat(resolver.resolve(Surface.PEOPLE_SEARCH, Optional.empty(), BERLIN).policy()).contains(berlin);
        assertThat(resolver.resolveCityWide(Surface.PEOPLE_SEARCH, BERLIN).policy()).contains(berlin);
    }

    @Test
    void a_city_without_policies_gets_the_deployment_default() {
        EffectivePolicy effective = resolver.resolve(Surface.PEOPLE_SEARCH, PHOTOGRAPHER, PARIS);

        assertThat(effective.source()).isEqualTo(Source.DEPLOYMENT_DEFAULT);
        assertThat(effective.policy()).isEmpty();
        assertThat(effective.limits()).isEqualTo(DEFAULT);
    }

    @Test
    void another_surface_does_not_see_the_policies_of_this_one() {
        assertThat(resolver.resolve(Surface.STUDIO_SEARCH, PHOTOGRAPHER, BERLIN).source())
                .isEqualTo(Source.DEPLOYMENT_DEFAULT);
        assertThat(resolver.resolveCityWide(Surface.STUDIO_SEARCH, BERLIN).source())
                .isEqualTo(Source.DEPLOYMENT_DEFAULT);
    }

    @Test
    void a_role_policy_without_a_city_wide_one_is_not_the_city_floor() {
        PolicyResolver onlyRole = new PolicyResolver(List.of(photographersInBerlin), DEFAULT);

        assertThat(onlyRole.resolveCityWide(Surface.PEOPLE_SEARCH, BERLIN).source()).isEqualTo(Source.DEPLOYMENT_DEFAULT);
        assertThat(onlyRole.resolve(Surface.PEOPLE_SEARCH, MODEL, BERLIN).source()).isEqualTo(Source.DEPLOYMENT_DEFAULT);
        assertThat(onlyRole.resolve(Surface.PEOPLE_SEARCH, PHOTOGRAPHER, BERLIN).source())
                .isEqualTo(Source.ROLE_AND_CITY);
    }

    @Test
    void two_policies_for_the_same_scope_are_refused() {
        Policy duplicate = aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, BERLIN), 70);

        assertThatThrownBy(() -> new PolicyResolver(List.of(berlin, duplicate), DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("people_search/*/berlin");
    }

    @Test
    void the_same_role_and_city_on_two_surfaces_are_two_scopes() {
        Policy studios = aPolicy(PolicyScope.cityWide(Surface.STUDIO_SEARCH, BERLIN), 70);
        PolicyResolver both = new PolicyResolver(List.of(berlin, studios), DEFAULT);

        assertThat(both.resolveCityWide(Surface.STUDIO_SEARCH, BERLIN).policy()).contains(studios);
        assertThat(both.resolveCityWide(Surface.PEOPLE_SEARCH, BERLIN).policy()).contains(berlin);
    }
}
