package io.promo.example.search;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The example is what an embedder may write: it compiles against promo's public API, never its internal wiring. */
class PublicApiOnlyTest {

    @Test
    void the_example_uses_only_the_public_api() {
        JavaClasses example = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.promo.example");
        assertThat(example.contain(SearchService.class)).isTrue();
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.promo.embedded.internal..",
                        "io.promo.persistence..", "io.promo.billing..", "io.promo.app..")
                .because("an embedder compiles against io.promo.embedded and the domain types it hands out (ADR 0026)")
                .check(example);
    }
}
