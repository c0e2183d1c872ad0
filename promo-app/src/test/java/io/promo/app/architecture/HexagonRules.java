package io.promo.app.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMembers;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.promo.app.Main;
import io.promo.embedded.internal.UseCases;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The module table of docs/architecture.md as sentences. Kept apart from the tests that apply them, so that
 * {@link HexagonRulesCatchPlantedViolationsTest} proves every rule fails when broken.
 */
final class HexagonRules {

    static final String DOMAIN = "io.promo.domain..";
    static final String PERSISTENCE = "io.promo.persistence..";
    static final String BILLING = "io.promo.billing..";
    static final String APP = "io.promo.app..";
    /** The app's own package: {@code Main}, {@code PromoApplication} (the HTTP shell over the wiring). */
    static final String WIRING = "io.promo.app";
    /** promo-embedded: the wiring ({@code io.promo.embedded.internal}) and the embedders' API over it (ADR 0026). */
    static final String EMBEDDED = "io.promo.embedded..";
    static final String HTTP = "io.promo.app.http..";

    /** The HTTP adapter's route classes, one per resource ({@code CampaignRoutes}, …). */
    static final DescribedPredicate<JavaClass> ROUTES =
            resideInAPackage(HTTP).and(simpleNameEndingWith("Routes")).as("route classes of " + HTTP);

    private HexagonRules() {
    }

    static final ArchRule domain_depends_on_nothing_but_the_jdk = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..", "javax.crypto..")
            .because("the domain is pure Java (the JDK's javax.crypto signs click tokens): model, rules, use cases"
                    + " and ports");

    static final ArchRule database_libraries_live_only_in_persistence = noClasses()
            .that().resideOutsideOfPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.jooq..", "org.flywaydb..", "org.postgresql..", "io.zonky..", "com.zaxxer..")
            .because("the database is an adapter that only promo-persistence-jooq knows (jOOQ, Flyway, the"
                    + " PostgreSQL driver, embedded PostgreSQL, HikariCP)");

    static final ArchRule stripe_lives_only_in_billing = noClasses()
            .that().resideOutsideOfPackage(BILLING)
            .should().dependOnClassesThat().resideInAPackage("com.stripe..")
            .because("the payment processor is an adapter that only promo-billing-stripe knows");

    static final ArchRule only_the_wiring_depends_on_the_persistence_adapter = noClasses()
            .that().resideOutsideOfPackages(EMBEDDED, APP, PERSISTENCE)
            .should().dependOnClassesThat().resideInAPackage(PERSISTENCE)
            .because("adapters are wired together in promo-embedded, and promo-app's shell and command line run"
                    + " that wiring");

    static final ArchRule only_the_wiring_depends_on_the_billing_adapter = noClasses()
            .that().resideOutsideOfPackages(EMBEDDED, APP, BILLING)
            .should().dependOnClassesThat().resideInAPackage(BILLING)
            .because("adapters are wired together in promo-embedded, and promo-app's shell and command line run"
                    + " that wiring");

    static final ArchRule nothing_depends_on_the_app = noClasses()
            .that().resideOutsideOfPackage(APP)
            .should().dependOnClassesThat().resideInAPackage(APP)
            .because("the app is the outermost ring");

    static final ArchRule only_persistence_uses_jdbc = noClasses()
            .that().resideOutsideOfPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAPackage("java.sql..")
            .because("connections, statements and SQL exceptions are the persistence adapter's business; the"
                    + " domain's java.. allowance does not extend to JDBC");

    static final ArchRule only_persistence_and_the_wiring_see_a_data_source = noClasses()
            .that().resideOutsideOfPackage(PERSISTENCE)
            .and().resideOutsideOfPackage(WIRING)
            .and().resideOutsideOfPackage(EMBEDDED)
            .should().dependOnClassesThat().resideInAPackage("javax.sql..")
            .because("the wiring (promo-embedded, given the embedder's or the pool's DataSource, and promo-app's"
                    + " shell) hands it to the persistence adapter and the migrations; the HTTP adapter,"
                    + " configuration, metrics and the domain never hold one");

    static final ArchRule the_domain_starts_no_threads = noClasses()
            .that().resideInAPackage(DOMAIN)
            .should().callConstructorWhere(constructorOf(assignableTo(Thread.class)))
            .orShould().callMethod(Thread.class, "start")
            .orShould().dependOnClassesThat(assignableTo(Executor.class)
                    .or(type(Executors.class))
                    .or(assignableTo(ThreadFactory.class))
                    .or(assignableTo(Timer.class))
                    .or(assignableTo(TimerTask.class))
                    .as("executors, thread factories or timers"))
            .because("the domain decides; who runs it on which thread (an impression writer, an index refresher)"
                    + " is the adapters' and the wiring's business");

    static final ArchRule domain_members_are_not_named_for_json_or_column_values = noMembers()
            .that().areDeclaredInClassesThat().resideInAPackage(DOMAIN)
            .should().haveNameMatching("(?i).*(json|columnvalue).*")
            .because("storage formats belong to the adapters' mappers; this checks names (toJson, extraJson,"
                    + " toColumnValue), so a format built under another name is left to review");

    static final ArchRule routes_take_the_use_cases_they_call_not_a_bag_of_services = noClasses()
            .that(ROUTES)
            .should().dependOnClassesThat().areAssignableTo(UseCases.class)
            .because("a route class receives the use cases it calls through its constructor, so that it says"
                    + " what it needs");

    static final ArchRule domain_packages_are_free_of_cycles = slices()
            .matching("io.promo.domain.(**)")
            .should().beFreeOfCycles()
            .because("business packages and their sub-packages (serving's included) depend one way, so each"
                    + " can be read without the ones that use it");

    static final ArchRule the_http_framework_lives_only_in_the_http_adapter = noClasses()
            .that().resideOutsideOfPackage(HTTP)
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
            .because("Javalin and Jetty are the HTTP adapter's; the wiring starts it through HttpServer");

    static final ArchRule picocli_lives_only_in_the_command_line = noClasses()
            .that().doNotBelongToAnyOf(Main.class)
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("the command line is Main; the wiring it calls takes plain values");

    static final ArchRule no_domain_class_implements_a_port_an_adapter_implements = classes()
            .that().resideInAPackage(DOMAIN)
            .should(implementNoPortThatAnAdapterImplements())
            .because("the domain declares the ports the adapters implement and keeps its fakes in test code, so"
                    + " production never runs on an in-memory stand-in");

    /**
     * Every rule by its name, with what it speaks of, so that no rule can be added without being applied and
     * proven, nor outlive the packages it names.
     */
    static final Map<String, Wall> ALL = Map.ofEntries(
            wall("domain_depends_on_nothing_but_the_jdk", domain_depends_on_nothing_but_the_jdk,
                    packages(DOMAIN, "javax.crypto..")),
            wall("database_libraries_live_only_in_persistence", database_libraries_live_only_in_persistence,
                    packages(PERSISTENCE, "org.jooq..", "org.flywaydb..", "org.postgresql..", "io.zonky..",
                            "com.zaxxer..")),
            wall("stripe_lives_only_in_billing", stripe_lives_only_in_billing, packages(BILLING, "com.stripe..")),
            wall("only_the_wiring_depends_on_the_persistence_adapter", only_the_wiring_depends_on_the_persistence_adapter,
                    packages(EMBEDDED, APP, PERSISTENCE)),
            wall("only_the_wiring_depends_on_the_billing_adapter", only_the_wiring_depends_on_the_billing_adapter,
                    packages(EMBEDDED, APP, BILLING)),
            wall("nothing_depends_on_the_app", nothing_depends_on_the_app, packages(APP)),
            wall("only_persistence_uses_jdbc", only_persistence_uses_jdbc, packages(PERSISTENCE, "java.sql..")),
            wall("only_persistence_and_the_wiring_see_a_data_source",
                    only_persistence_and_the_wiring_see_a_data_source,
                    packages(PERSISTENCE, WIRING, EMBEDDED, "javax.sql..")),
            wall("the_domain_starts_no_threads", the_domain_starts_no_threads, packages(DOMAIN)),
            wall("domain_members_are_not_named_for_json_or_column_values",
                    domain_members_are_not_named_for_json_or_column_values, packages(DOMAIN)),
            wall("routes_take_the_use_cases_they_call_not_a_bag_of_services",
                    routes_take_the_use_cases_they_call_not_a_bag_of_services,
                    List.of(ROUTES, type(UseCases.class))),
            wall("domain_packages_are_free_of_cycles", domain_packages_are_free_of_cycles, packages(DOMAIN)),
            wall("the_http_framework_lives_only_in_the_http_adapter", the_http_framework_lives_only_in_the_http_adapter,
                    packages(HTTP, "io.javalin..", "org.eclipse.jetty..")),
            wall("no_domain_class_implements_a_port_an_adapter_implements",
                    no_domain_class_implements_a_port_an_adapter_implements, packages(DOMAIN, PERSISTENCE, BILLING)),
            wall("picocli_lives_only_in_the_command_line", picocli_lives_only_in_the_command_line,
                    List.of(type(Main.class), resideInAPackage("picocli.."))));

    /**
     * A rule and what it speaks of: the packages (or classes) it confines or exempts. Each must be found in the
     * production code, as a class or as a dependency of one: a rule about an empty package passes forever.
     */
    record Wall(ArchRule rule, List<DescribedPredicate<? super JavaClass>> speaksOf) {
    }

    private static Map.Entry<String, Wall> wall(String name, ArchRule rule,
            List<DescribedPredicate<? super JavaClass>> speaksOf) {
        return Map.entry(name, new Wall(rule, speaksOf));
    }

    private static List<DescribedPredicate<? super JavaClass>> packages(String... packages) {
        return Arrays.stream(packages).<DescribedPredicate<? super JavaClass>>map(p -> resideInAPackage(p)).toList();
    }

    private static DescribedPredicate<JavaConstructorCall> constructorOf(
            DescribedPredicate<? super JavaClass> owner) {
        return DescribedPredicate.describe("a constructor of " + owner.getDescription(),
                call -> owner.test(call.getTargetOwner()));
    }

    private static ArchCondition<JavaClass> implementNoPortThatAnAdapterImplements() {
        DescribedPredicate<JavaClass> adapter = resideInAnyPackage(PERSISTENCE, BILLING);
        return new ArchCondition<>("implement no interface of " + DOMAIN + " that a class of " + PERSISTENCE
                + " or " + BILLING + " implements") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (JavaClass port : javaClass.getAllRawInterfaces()) {
                    if (!resideInAPackage(DOMAIN).test(port)) {
                        continue; // Comparable, Serializable …: the JDK's, not a port
                    }
                    port.getAllSubclasses().stream().filter(adapter).findFirst().ifPresent(implementation ->
                            events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + " implements "
                                    + port.getName() + ", which " + implementation.getName() + " implements")));
                }
            }
        };
    }
}
