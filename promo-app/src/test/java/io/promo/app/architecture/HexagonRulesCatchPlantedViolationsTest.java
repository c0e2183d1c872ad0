package io.promo.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.promo.app.http.planted.BagOfServicesRoutes;
import io.promo.app.http.planted.HttpClassParsingACommandLine;
import io.promo.app.http.planted.HttpClassUsingADataSource;
import io.promo.billing.planted.BillingClassServingHttp;
import io.promo.billing.planted.BillingClassUsingJetty;
import io.promo.domain.planted.DomainClassImplementingARepository;
import io.promo.domain.planted.DomainClassStartingAGivenThread;
import io.promo.domain.planted.DomainClassStartingAThread;
import io.promo.domain.planted.DomainClassUsingAnAdapter;
import io.promo.domain.planted.DomainClassUsingAnExecutor;
import io.promo.domain.planted.DomainClassUsingJdbc;
import io.promo.domain.planted.DomainClassUsingJooq;
import io.promo.domain.planted.DomainClassUsingStripe;
import io.promo.domain.planted.DomainClassWithAColumnValue;
import io.promo.domain.planted.DomainClassWritingJson;
import io.promo.domain.planted.cycle.PlantedServingClass;
import io.promo.domain.planted.cycle.inner.PlantedSubPackageClass;
import io.promo.persistence.JooqCampaignRepository;
import io.promo.persistence.planted.PersistenceClassUsingBilling;
import io.promo.persistence.planted.PersistenceClassUsingTheApp;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Proves that each of {@link HexagonRules} fails on a violation planted in test code: a rule that
 * cannot fail would let the architecture erode silently.
 */
class HexagonRulesCatchPlantedViolationsTest {

    /** One planted violation of a rule: the classes imported together (a cycle needs both of its ends). */
    private record Planted(String rule, Class<?>... classes) {
        String names() {
            return Arrays.stream(classes).map(Class::getSimpleName).collect(Collectors.joining(" + "));
        }
    }

    private static final List<Planted> PLANTED_VIOLATIONS = List.of(
            new Planted("domain_depends_on_nothing_but_the_jdk", DomainClassUsingJooq.class),
            new Planted("database_libraries_live_only_in_persistence", DomainClassUsingJooq.class),
            new Planted("stripe_lives_only_in_billing", DomainClassUsingStripe.class),
            new Planted("only_the_wiring_depends_on_the_persistence_adapter", DomainClassUsingAnAdapter.class),
            new Planted("only_the_wiring_depends_on_the_billing_adapter", PersistenceClassUsingBilling.class),
            new Planted("nothing_depends_on_the_app", PersistenceClassUsingTheApp.class),
            new Planted("only_persistence_uses_jdbc", DomainClassUsingJdbc.class),
            new Planted("only_persistence_and_the_wiring_see_a_data_source", HttpClassUsingADataSource.class),
            new Planted("the_domain_starts_no_threads", DomainClassStartingAThread.class),
            new Planted("the_domain_starts_no_threads", DomainClassStartingAGivenThread.class),
            new Planted("the_domain_starts_no_threads", DomainClassUsingAnExecutor.class),
            new Planted("domain_members_are_not_named_for_json_or_column_values", DomainClassWritingJson.class),
            new Planted("domain_members_are_not_named_for_json_or_column_values", DomainClassWithAColumnValue.class),
            new Planted("routes_take_the_use_cases_they_call_not_a_bag_of_services", BagOfServicesRoutes.class),
            new Planted("domain_packages_are_free_of_cycles", PlantedServingClass.class, PlantedSubPackageClass.class),
            new Planted("the_http_framework_lives_only_in_the_http_adapter", BillingClassServingHttp.class),
            new Planted("the_http_framework_lives_only_in_the_http_adapter", BillingClassUsingJetty.class),
            new Planted("no_domain_class_implements_a_port_an_adapter_implements",
                    DomainClassImplementingARepository.class, JooqCampaignRepository.class),
            new Planted("picocli_lives_only_in_the_command_line", HttpClassParsingACommandLine.class));

    @Test
    void every_rule_has_a_planted_violation() {
        assertThat(PLANTED_VIOLATIONS.stream().map(Planted::rule).collect(Collectors.toSet()))
                .isEqualTo(HexagonRules.ALL.keySet());
    }

    @Test
    void every_rule_reports_its_planted_violation() {
        for (Planted planted : PLANTED_VIOLATIONS) {
            ArchRule rule = HexagonRules.ALL.get(planted.rule()).rule();
            JavaClasses classes = new ClassFileImporter().importClasses(planted.classes());

            // The report must name the planted class: a rule that checked nothing fails too, for another reason.
            assertThat(rule.evaluate(classes).getFailureReport().getDetails())
                    .as("%s must catch %s", planted.rule(), planted.names())
                    .anyMatch(line -> line.contains(planted.classes()[0].getName()));
        }
    }
}
