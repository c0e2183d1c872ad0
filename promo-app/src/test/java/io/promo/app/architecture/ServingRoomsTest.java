package io.promo.app.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.promo.domain.serving.PlantedRootUsingARoom;
import io.promo.domain.serving.planted.PlantedRoomUsingTheRoot;
import org.junit.jupiter.api.Test;

/**
 * The serving domain's rooms (docs/architecture.md "The domain, by business name") depend on each other in one
 * direction only: pacing and ranking at the bottom, then the index, the engine, diagnostics and the root's use case.
 * The root {@code io.promo.domain.serving} counts as a room too, so a room that reached back to the use case that
 * calls it would be a cycle.
 */
class ServingRoomsTest {

    static final String SERVING = "io.promo.domain.serving";

    /** The root is one slice, each sub-package with what lies below it another. */
    private static final SliceAssignment ROOMS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(SERVING)) {
                return SliceIdentifier.of("serving");
            }
            if (name.startsWith(SERVING + ".")) {
                return SliceIdentifier.of("serving." + name.substring(SERVING.length() + 1).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the root of io.promo.domain.serving and each of its sub-packages";
        }
    };

    static final ArchRule the_serving_rooms_are_free_of_cycles = slices().assignedFrom(ROOMS).should().beFreeOfCycles()
            .because("a newcomer reads serving from its use case down, room by room, and never in a circle");

    @Test
    void the_rooms_exist() {
        JavaClasses production = production();
        for (String room : new String[] {"", ".pacing", ".ranking", ".index", ".engine", ".diagnostics", ".memory"}) {
            assertThat(production.containPackage(SERVING + room)).as(SERVING + room).isTrue();
        }
    }

    @Test
    void the_serving_rooms_are_free_of_cycles() {
        the_serving_rooms_are_free_of_cycles.check(production());
    }

    @Test
    void a_room_and_the_root_using_each_other_is_a_cycle() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedRootUsingARoom.class,
                PlantedRoomUsingTheRoot.class);
        assertThat(the_serving_rooms_are_free_of_cycles.evaluate(planted).hasViolation()).isTrue();
    }

    private static JavaClasses production() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(SERVING);
    }
}
