package io.promo.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Applies {@link HexagonRules} to the production classes of every module (this module sees them all). */
class HexagonRulesTest {

    private static JavaClasses production;

    @BeforeAll
    static void import_the_production_classes() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.promo");
    }

    @Test
    void the_packages_the_rules_name_exist() {
        // A rule about a package that does not exist passes forever; make sure ours are there.
        assertThat(production.containPackage("io.promo.domain")).isTrue();
        assertThat(production.containPackage("io.promo.persistence")).isTrue();
        assertThat(production.containPackage("io.promo.billing")).isTrue();
        assertThat(production.containPackage("io.promo.app")).isTrue();
        assertThat(production.containPackage("io.promo.embedded")).isTrue();
        assertThat(production.containPackage("io.promo.embedded.internal")).isTrue();
    }

    @TestFactory
    Stream<DynamicTest> what_every_rule_speaks_of_is_there() {
        return HexagonRules.ALL.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(rule -> rule.getValue().speaksOf().stream().map(what -> DynamicTest.dynamicTest(
                        rule.getKey() + ": " + what.getDescription(),
                        () -> assertThat(isThere(what))
                                .as("%s speaks of %s, which no production class is or uses: it would pass forever",
                                        rule.getKey(), what.getDescription())
                                .isTrue())));
    }

    @TestFactory
    Stream<DynamicTest> every_rule_holds_for_the_production_code() {
        return HexagonRules.ALL.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> rule.getValue().rule().check(production)));
    }

    /** A class of the production code, or a class one of them uses (a library is seen through its users). */
    private static boolean isThere(DescribedPredicate<? super JavaClass> what) {
        return production.stream().anyMatch(javaClass -> what.test(javaClass)
                || javaClass.getDirectDependenciesFromSelf().stream()
                        .anyMatch(dependency -> what.test(dependency.getTargetClass())));
    }
}
