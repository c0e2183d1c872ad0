package io.promo.embedded;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.promo.embedder.planted.EmbedderUsingTheWiring;
import org.junit.jupiter.api.Test;

/**
 * The public API's wall (ADR 0026): an embedder compiles against {@code io.promo.embedded} (and the domain's types it
 * hands out), never against {@code io.promo.embedded.internal}, which may change in any release. Each rule is proven
 * by a planted violation.
 */
class PublicApiRulesTest {

    private static final String INTERNAL = "io.promo.embedded.internal..";
    private static final String EMBEDDER = "io.promo.embedder";

    /** The test embedder's classes ({@code EmbedderTest} and its helpers), the planted package left out. */
    static final ArchRule the_embedder_uses_only_the_public_api = embedderUsesOnlyThePublicApi(EMBEDDER);

    private static ArchRule embedderUsesOnlyThePublicApi(String embedderPackage) {
        return noClasses()
                .that().resideInAPackage(embedderPackage)
                .should().dependOnClassesThat().resideInAPackage(INTERNAL)
                .because("an embedder compiles against io.promo.embedded only: the internal wiring may change in any"
                        + " release");
    }

    static final ArchRule the_public_api_hands_out_no_internal_type = noMethods()
            .that().areDeclaredInClassesThat(JavaClass.Predicates.resideInAPackage("io.promo.embedded")
                    .and(com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier(JavaModifier.PUBLIC)).as("public classes of io.promo.embedded"))
            .and().arePublic()
            .should(returnOrTake(DescribedPredicate.describe("a class of " + INTERNAL,
                    (JavaClass type) -> type.getPackageName().startsWith("io.promo.embedded.internal"))))
            .because("a public method that returns or takes an internal type makes the embedder name it");

    @Test
    void the_test_embedder_uses_only_the_public_api() {
        JavaClasses embedder = new ClassFileImporter().importPackages(EMBEDDER);
        assertThat(embedder.contain("io.promo.embedder.EmbedderTest")).isTrue();
        the_embedder_uses_only_the_public_api.check(embedder);
    }

    @Test
    void an_embedder_reaching_into_the_wiring_is_caught() {
        JavaClasses planted = new ClassFileImporter().importClasses(EmbedderUsingTheWiring.class);
        assertThatThrownBy(() -> embedderUsesOnlyThePublicApi(EMBEDDER + ".planted").check(planted)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(EmbedderUsingTheWiring.class.getName());
    }

    @Test
    void the_public_api_hands_out_no_internal_type() {
        JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.promo.embedded");
        assertThat(production.contain(Promo.class)).isTrue();
        assertThat(production.containPackage("io.promo.embedded.internal")).isTrue();
        the_public_api_hands_out_no_internal_type.check(production);
    }

    @Test
    void a_public_method_handing_out_an_internal_type_is_caught() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedApiHandingOutTheWiring.class);
        assertThatThrownBy(() -> the_public_api_hands_out_no_internal_type.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(PlantedApiHandingOutTheWiring.class.getName() + ".wiring()");
    }

    private static com.tngtech.archunit.lang.ArchCondition<JavaMethod> returnOrTake(DescribedPredicate<JavaClass> type) {
        return new com.tngtech.archunit.lang.ArchCondition<>("return or take " + type.getDescription()) {
            @Override
            public void check(JavaMethod method, com.tngtech.archunit.lang.ConditionEvents events) {
                boolean found = type.test(method.getRawReturnType())
                        || method.getRawParameterTypes().stream().anyMatch(type);
                if (found && !method.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                    events.add(com.tngtech.archunit.lang.SimpleConditionEvent.satisfied(method,
                            method.getFullName() + " returns or takes " + type.getDescription()));
                } else {
                    events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(method,
                            method.getFullName() + " does not"));
                }
            }
        };
    }
}
