package io.promo.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;

/**
 * The module table of docs/architecture.md as sentences. Kept apart from the tests that apply them, so that
 * {@link HexagonRulesCatchPlantedViolationsTest} proves every rule fails when broken.
 */
final class HexagonRules {

    static final String DOMAIN = "io.promo.domain..";
    static final String PERSISTENCE = "io.promo.persistence..";
    static final String BILLING = "io.promo.billing..";
    static final String APP = "io.promo.app..";

    private HexagonRules() {
    }

    static final ArchRule domain_depends_on_nothing_but_the_jdk = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..", "javax.crypto..")
            .because("the domain is pure Java (the JDK's javax.crypto signs click tokens): model, rules, use cases"
                    + " and ports");

    static final ArchRule jooq_flyway_and_postgres_live_only_in_persistence = noClasses()
            .that().resideOutsideOfPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.jooq..", "org.flywaydb..", "org.postgresql..", "io.zonky..", "com.zaxxer..")
            .because("the database is an adapter that only promo-persistence-jooq knows");

    static final ArchRule stripe_lives_only_in_billing = noClasses()
            .that().resideOutsideOfPackage(BILLING)
            .should().dependOnClassesThat().resideInAPackage("com.stripe..")
            .because("the payment processor is an adapter that only promo-billing-stripe knows");

    static final ArchRule only_the_app_depends_on_the_persistence_adapter = noClasses()
            .that().resideOutsideOfPackages(APP, PERSISTENCE)
            .should().dependOnClassesThat().resideInAPackage(PERSISTENCE)
            .because("adapters are wired together in promo-app only");

    static final ArchRule only_the_app_depends_on_the_billing_adapter = noClasses()
            .that().resideOutsideOfPackages(APP, BILLING)
            .should().dependOnClassesThat().resideInAPackage(BILLING)
            .because("adapters are wired together in promo-app only");

    static final ArchRule nothing_depends_on_the_app = noClasses()
            .that().resideOutsideOfPackage(APP)
            .should().dependOnClassesThat().resideInAPackage(APP)
            .because("the app is the outermost ring");

    /** Every rule by its name, so that no rule can be added without being applied and proven. */
    static final Map<String, ArchRule> ALL = Map.of(
            "domain_depends_on_nothing_but_the_jdk", domain_depends_on_nothing_but_the_jdk,
            "jooq_flyway_and_postgres_live_only_in_persistence", jooq_flyway_and_postgres_live_only_in_persistence,
            "stripe_lives_only_in_billing", stripe_lives_only_in_billing,
            "only_the_app_depends_on_the_persistence_adapter", only_the_app_depends_on_the_persistence_adapter,
            "only_the_app_depends_on_the_billing_adapter", only_the_app_depends_on_the_billing_adapter,
            "nothing_depends_on_the_app", nothing_depends_on_the_app);
}
