package io.promo.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.promo.domain.planted.DomainClassUsingAnAdapter;
import io.promo.domain.planted.DomainClassUsingJooq;
import io.promo.domain.planted.DomainClassUsingStripe;
import io.promo.persistence.planted.PersistenceClassUsingBilling;
import io.promo.persistence.planted.PersistenceClassUsingTheApp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proves that each of {@link HexagonRules} fails on a violation planted in test code: a rule that
 * cannot fail would let the architecture erode silently.
 */
class HexagonRulesCatchPlantedViolationsTest {

    private static final Map<String, Class<?>> PLANTED_VIOLATION_OF = Map.of(
            "domain_depends_on_nothing_but_the_jdk", DomainClassUsingJooq.class,
            "jooq_flyway_and_postgres_live_only_in_persistence", DomainClassUsingJooq.class,
            "stripe_lives_only_in_billing", DomainClassUsingStripe.class,
            "only_the_app_depends_on_the_persistence_adapter", DomainClassUsingAnAdapter.class,
            "only_the_app_depends_on_the_billing_adapter", PersistenceClassUsingBilling.class,
            "nothing_depends_on_the_app", PersistenceClassUsingTheApp.class);

    @Test
    void every_rule_has_a_planted_violation() {
        assertThat(PLANTED_VIOLATION_OF.keySet()).isEqualTo(HexagonRules.ALL.keySet());
    }

    @Test
    void every_rule_reports_its_planted_violation() {
        for (Map.Entry<String, ArchRule> rule : HexagonRules.ALL.entrySet()) {
            Class<?> planted = PLANTED_VIOLATION_OF.get(rule.getKey());
            JavaClasses classes = new ClassFileImporter().importClasses(planted);

            assertThat(rule.getValue().evaluate(classes).hasViolation())
                    .as("%s must catch %s", rule.getKey(), planted.getSimpleName())
                    .isTrue();
        }
    }
}
