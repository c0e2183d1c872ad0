package io.promo.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.PacingMode;
import org.junit.jupiter.api.Test;

class CodedTest {

    @Test
    void a_code_parses_to_its_constant() {
        assertThat(Surface.parse("surface", "studio_search")).isEqualTo(Surface.STUDIO_SEARCH);
        assertThat(CampaignAction.parse("action", "reinstate")).isEqualTo(CampaignAction.REINSTATE);
    }

    @Test
    void an_unknown_code_is_refused_naming_the_field_and_listing_the_choices() {
        assertThatThrownBy(() -> PacingMode.parse("pacing_mode", "fast"))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).containsExactly("pacing_mode");
                    assertThat(e.violations().get(0).message()).contains("even, accelerated").contains("'fast'");
                });
    }

    @Test
    void codes_are_case_sensitive_and_a_missing_one_says_so() {
        assertThatThrownBy(() -> Surface.parse("surface", "PEOPLE_SEARCH"))
                .hasMessageContaining("people_search, studio_search");
        assertThatThrownBy(() -> Surface.parse("surface", null))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("got nothing");
    }
}
