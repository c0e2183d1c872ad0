package io.promo.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import java.util.stream.Stream;

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
    }

    @TestFactory
    Stream<DynamicTest> every_rule_holds_for_the_production_code() {
        return HexagonRules.ALL.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> rule.getValue().check(production)));
    }
}
