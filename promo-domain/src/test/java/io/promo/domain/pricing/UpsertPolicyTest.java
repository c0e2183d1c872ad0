package io.promo.domain.pricing;

import static io.promo.domain.shared.Outcomes.kindOf;
import static io.promo.domain.shared.Outcomes.violatedFields;
import static io.promo.domain.testing.TestData.BERLIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpsertPolicyTest {

    private static final PolicyScope BERLIN_PEOPLE = PolicyScope.cityWide(Surface.PEOPLE_SEARCH, BERLIN);

    private final MutableClock clock = MutableClock.at("2026-11-28T09:00:00.123456789Z");
    private final InMemoryPolicyRepository policies = new InMemoryPolicyRepository();
    private final UpsertPolicy upsertPolicy = new UpsertPolicy(policies, TestData.IDS, clock);

    @Test
    void an_admin_sets_the_policy_of_a_scope() {
        Policy policy = upsertPolicy.upsert(new UpsertPolicyCommand(Actor.ADMIN, BERLIN_PEOPLE, 40, 3, 1)).orElseThrow();

        assertThat(policy.scope()).isEqualTo(BERLIN_PEOPLE);
        assertThat(policy.limits()).isEqualTo(new PolicyLimits(Money.ofCents(40), 3, 1));
        assertThat(policy.updatedAt()).isEqualTo(Instant.parse("2026-11-28T09:00:00.123456Z"));
        assertThat(policies.findByScope(BERLIN_PEOPLE)).contains(policy);
    }

    @Test
    void a_tenant_cannot_set_policies_and_nothing_is_stored() {
        Outcome<Policy> outcome = upsertPolicy.upsert(
                new UpsertPolicyCommand(Actor.tenant(TestData.IDS.newAdvertiserId()), BERLIN_PEOPLE, 1, 3, 1));

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.FORBIDDEN);
        assertThat(policies.findAll()).isEmpty();
    }

    @Test
    void invalid_limits_are_rejected_on_their_fields_and_nothing_is_stored() {
        Outcome<Policy> outcome = upsertPolicy.upsert(new UpsertPolicyCommand(Actor.ADMIN, BERLIN_PEOPLE, -1, 21, 1));

        assertThat(violatedFields(outcome)).containsExactly("cpc_floor_cents", "max_density_top20");
        assertThat(policies.findAll()).isEmpty();
    }

    @Test
    void a_floor_beyond_the_int_column_is_rejected() {
        Outcome<Policy> outcome = upsertPolicy.upsert(
                new UpsertPolicyCommand(Actor.ADMIN, BERLIN_PEOPLE, Integer.MAX_VALUE + 1L, 3, 1));

        assertThat(violatedFields(outcome)).containsExactly("cpc_floor_cents");
    }

    @Test
    void upserting_a_scope_again_replaces_its_limits_and_keeps_its_id() {
        Policy first = upsertPolicy.upsert(new UpsertPolicyCommand(Actor.ADMIN, BERLIN_PEOPLE, 40, 3, 1)).orElseThrow();
        clock.advance(Duration.ofMinutes(5));

        Policy second = upsertPolicy.upsert(new UpsertPolicyCommand(Actor.ADMIN, BERLIN_PEOPLE, 60, 4, 2)).orElseThrow();

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.limits()).isEqualTo(new PolicyLimits(Money.ofCents(60), 4, 2));
        assertThat(second.updatedAt()).isAfter(first.updatedAt());
        assertThat(policies.findAll()).containsExactly(second);
    }

    @Test
    void a_role_scope_is_a_policy_of_its_own() {
        PolicyScope photographers = new PolicyScope(Surface.PEOPLE_SEARCH,
                Optional.of(new RoleCode("photographer")), BERLIN);

        Policy cityWide = upsertPolicy.upsert(new UpsertPolicyCommand(Actor.ADMIN, BERLIN_PEOPLE, 40, 3, 1))
                .orElseThrow();
        Policy roleSpecific = upsertPolicy.upsert(new UpsertPolicyCommand(Actor.ADMIN, photographers, 90, 3, 1))
                .orElseThrow();

        assertThat(roleSpecific.id()).isNotEqualTo(cityWide.id());
        assertThat(policies.findAll()).containsExactly(cityWide, roleSpecific);
    }
}
