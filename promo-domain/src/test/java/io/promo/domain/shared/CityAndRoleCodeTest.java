package io.promo.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CityAndRoleCodeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "São Paulo     | sao-paulo",
            "'  BERLIN '   | berlin",
            "sao paulo     | sao-paulo",
            "' SAO-PAULO ' | sao-paulo",
            "New   York    | new-york",
            "Köln          | koln",
            "rio_de_janeiro| rio_de_janeiro"})
    void a_city_is_normalized_to_its_code(String raw, String code) {
        assertThat(CityCode.parse("city", raw)).isEqualTo(new CityCode(code));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Photographer      | photographer",
            "'  Make-up Artist ' | make-up-artist",
            "Modèle            | modele"})
    void a_role_is_normalized_to_its_code(String raw, String code) {
        assertThat(RoleCode.parse("role", raw)).isEqualTo(new RoleCode(code));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "!!", "-berlin", "st. louis"})
    void a_value_that_is_no_code_after_normalizing_is_refused_naming_the_field(String raw) {
        assertThatThrownBy(() -> CityCode.parse("city_targets", raw))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("city_targets"));
        assertThatThrownBy(() -> RoleCode.parse("role", raw))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("role"));
    }

    @Test
    void a_code_holds_at_most_64_characters() {
        assertThat(CityCode.parse("city", "a".repeat(64)).value()).hasSize(64);
        assertThat(RoleCode.parse("role", "a".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> CityCode.parse("city", "a".repeat(65))).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> RoleCode.parse("role", "a".repeat(65))).isInstanceOf(InvalidCommandException.class);
    }

    @Test
    void a_missing_value_is_required() {
        assertThatThrownBy(() -> CityCode.parse("city", null))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("city"));
    }

    @Test
    void the_record_itself_accepts_only_normalized_codes() {
        assertThatThrownBy(() -> new CityCode("Berlin")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoleCode("make up")).isInstanceOf(IllegalArgumentException.class);
    }
}
