package io.promo.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ADR 0008's line, where each rule is stated: one field against a constant of its form is {@link Violation.Kind#FORM}
 * (HTTP 400), a rule relating fields, stored state or configuration is {@link Violation.Kind#RULE} (HTTP 422).
 */
class ViolationKindsTest {

    private static List<Violation.Kind> kindsOf(List<Violation> violations, String field) {
        return violations.stream().filter(v -> v.field().equals(field)).map(Violation::kind).toList();
    }

    @Test
    void a_campaign_field_against_its_constant_is_of_its_form() {
        CampaignSettings settings = TestData.settings().name("n".repeat(CampaignSettings.MAX_NAME_LENGTH + 1))
                .cities().cpc(0).build();

        List<Violation> violations = settings.violations();

        assertThat(kindsOf(violations, "name")).containsExactly(Violation.Kind.FORM);
        assertThat(kindsOf(violations, "city_targets")).containsExactly(Violation.Kind.FORM);
        assertThat(kindsOf(violations, "cpc_cents")).containsExactly(Violation.Kind.FORM);
        assertThat(Rejection.invalid(violations).breaksForm()).isTrue();
    }

    @Test
    void campaign_rules_relating_fields_are_business_rules() {
        CampaignSettings settings = TestData.settings().cpc(100).dailyBudget(50)
                .endDate(TestData.settings().build().startDate().minusDays(1)).build();

        List<Violation> violations = settings.violations();

        assertThat(kindsOf(violations, "daily_budget_cents")).containsExactly(Violation.Kind.RULE);
        assertThat(kindsOf(violations, "end_date")).containsExactly(Violation.Kind.RULE);
        assertThat(Rejection.invalid(violations).breaksForm()).isFalse();
    }

    @Test
    void policy_limits_against_their_range_are_of_their_form_and_above_fold_over_density_is_a_rule() {
        assertThat(kindsOf(PolicyLimits.violations(Money.ofCents(-1), 21, 21), "cpc_floor_cents"))
                .containsExactly(Violation.Kind.FORM);
        assertThat(kindsOf(PolicyLimits.violations(Money.ofCents(-1), 21, 21), "max_density_top20"))
                .containsExactly(Violation.Kind.FORM);
        assertThat(kindsOf(PolicyLimits.violations(Money.ofCents(10), 2, 21), "max_above_fold"))
                .containsExactly(Violation.Kind.FORM);
        assertThat(kindsOf(PolicyLimits.violations(Money.ofCents(10), 2, 3), "max_above_fold"))
                .containsExactly(Violation.Kind.RULE);
    }

    @Test
    void a_command_that_cannot_be_built_is_of_its_form_whatever_its_violations_were_made_as() {
        InvalidCommandException e = new InvalidCommandException(List.of(new Violation("page_size", "must be 1 to 100")));

        assertThat(e.violations()).extracting(Violation::kind).containsExactly(Violation.Kind.FORM);
        assertThat(Rejection.invalid(e.violations()).breaksForm()).isTrue();
    }

    @Test
    void one_form_violation_among_rules_makes_the_whole_rejection_malformed() {
        Rejection mixed = Rejection.invalid(List.of(new Violation("daily_budget_cents", "below cpc"),
                Violation.ofForm("name", "too long")));

        assertThat(mixed.breaksForm()).isTrue();
        assertThat(Rejection.conflict("lost a race").breaksForm()).isFalse();
    }
}
