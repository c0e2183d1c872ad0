package io.promo.domain.pricing;

import static io.promo.domain.testing.TestData.BERLIN;
import static io.promo.domain.testing.TestData.NOW;
import static io.promo.domain.testing.TestData.PARIS;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.Race;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PolicyRepository} must do; run against the fake and the PostgreSQL adapter. */
public abstract class PolicyRepositoryContract {

    private static final RoleCode MODEL = new RoleCode("model");
    private static final PolicyScope BERLIN_ANY_ROLE = PolicyScope.cityWide(Surface.PEOPLE_SEARCH, BERLIN);
    private static final PolicyScope BERLIN_MODELS = new PolicyScope(Surface.PEOPLE_SEARCH, Optional.of(MODEL), BERLIN);

    protected abstract PolicyRepository repository();

    /** Adapters with shared storage empty it here; a fake made per test has nothing to do. */
    protected void emptyStorage() {
    }

    @BeforeEach
    void start_from_empty_storage() {
        emptyStorage();
    }

    @Test
    void a_new_scope_is_stored_as_given() {
        Policy policy = TestData.aPolicy(BERLIN_MODELS, 40);

        assertThat(repository().upsert(policy)).isEqualTo(policy);
        assertThat(repository().findByScope(BERLIN_MODELS)).contains(policy);
    }

    @Test
    void upserting_a_known_scope_keeps_its_id_and_replaces_its_limits() {
        Policy first = repository().upsert(TestData.aPolicy(BERLIN_ANY_ROLE, 30));
        Policy replacement = new Policy(TestData.IDS.newPolicyId(), BERLIN_ANY_ROLE,
                new PolicyLimits(Money.ofCents(45), 3, 2), NOW.plus(Duration.ofMinutes(1)));

        Policy stored = repository().upsert(replacement);

        assertThat(stored).isEqualTo(new Policy(first.id(), BERLIN_ANY_ROLE, replacement.limits(), replacement.updatedAt()));
        assertThat(repository().findAll()).containsExactly(stored);
    }

    @Test
    void a_pricing_mode_is_stored_with_the_policy_and_an_upsert_replaces_it_or_clears_it() {
        Policy firstPrice = repository().upsert(new Policy(TestData.IDS.newPolicyId(), BERLIN_ANY_ROLE,
                new PolicyLimits(Money.ofCents(30), 2, 1), NOW, Optional.of(PricingMode.FIRST_PRICE)));
        assertThat(repository().findByScope(BERLIN_ANY_ROLE).orElseThrow().pricingMode()).contains(PricingMode.FIRST_PRICE);

        Policy cleared = repository().upsert(new Policy(TestData.IDS.newPolicyId(), BERLIN_ANY_ROLE,
                firstPrice.limits(), NOW.plus(Duration.ofMinutes(1))));
        assertThat(cleared.pricingMode()).isEmpty();
        assertThat(repository().findByScope(BERLIN_ANY_ROLE)).contains(cleared);

        Policy secondPrice = repository().upsert(new Policy(TestData.IDS.newPolicyId(), BERLIN_ANY_ROLE,
                firstPrice.limits(), NOW.plus(Duration.ofMinutes(2)), Optional.of(PricingMode.SECOND_PRICE)));
        assertThat(secondPrice.id()).isEqualTo(firstPrice.id());
        assertThat(repository().findAll()).extracting(Policy::pricingMode).containsExactly(Optional.of(PricingMode.SECOND_PRICE));
    }

    @Test
    void a_role_policy_and_the_city_wide_policy_of_one_city_are_different_scopes() {
        Policy cityWide = repository().upsert(TestData.aPolicy(BERLIN_ANY_ROLE, 30));
        Policy models = repository().upsert(TestData.aPolicy(BERLIN_MODELS, 60));

        assertThat(repository().findByScope(BERLIN_ANY_ROLE)).contains(cityWide);
        assertThat(repository().findByScope(BERLIN_MODELS)).contains(models);
    }

    @Test
    void an_unknown_scope_finds_nothing() {
        assertThat(repository().findByScope(PolicyScope.cityWide(Surface.STUDIO_SEARCH, PARIS))).isEmpty();
    }

    @Test
    void policies_are_listed_by_surface_then_city_then_role_city_wide_first() {
        Policy studioParis = repository().upsert(TestData.aPolicy(PolicyScope.cityWide(Surface.STUDIO_SEARCH, PARIS), 10));
        Policy berlinModels = repository().upsert(TestData.aPolicy(BERLIN_MODELS, 60));
        Policy newYork = repository().upsert(TestData.aPolicy(
                PolicyScope.cityWide(Surface.PEOPLE_SEARCH, new CityCode("new-york")), 80));
        Policy newark = repository().upsert(TestData.aPolicy(
                PolicyScope.cityWide(Surface.PEOPLE_SEARCH, new CityCode("newark")), 20));
        Policy berlin = repository().upsert(TestData.aPolicy(BERLIN_ANY_ROLE, 30));

        assertThat(repository().findAll()).containsExactly(berlin, berlinModels, newYork, newark, studioParis);
    }

    @Test
    void concurrent_upserts_of_one_scope_leave_one_policy() throws Exception {
        List<Callable<Policy>> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Policy policy = TestData.aPolicy(BERLIN_MODELS, 10 + i);
            writers.add(() -> repository().upsert(policy));
        }

        List<Policy> results = Race.run(writers);

        assertThat(results).extracting(Policy::id).containsOnly(results.get(0).id());
        assertThat(repository().findAll()).hasSize(1);
    }
}
