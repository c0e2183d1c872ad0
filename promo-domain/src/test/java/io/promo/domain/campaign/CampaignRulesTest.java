package io.promo.domain.campaign;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.Violation;
import io.promo.domain.testing.TestData;
import org.junit.jupiter.api.Test;

/** A campaign that exists satisfies its rules: the settings' own and the surface/target pairing. */
class CampaignRulesTest {

    private final AdvertiserId owner = TestData.IDS.newAdvertiserId();
    private final CampaignId id = TestData.IDS.newCampaignId();

    @Test
    void people_search_promotes_service_profiles_and_studio_search_promotes_studios() {
        assertThat(Campaign.authoringViolations(Surface.PEOPLE_SEARCH, TestData.aServiceProfile(),
                TestData.settings().build())).isEmpty();
        assertThat(Campaign.authoringViolations(Surface.STUDIO_SEARCH, TestData.aStudio(),
                TestData.settings().build())).isEmpty();
    }

    @Test
    void a_studio_on_people_search_is_rejected_on_the_target_entity_type() {
        assertThat(Campaign.authoringViolations(Surface.PEOPLE_SEARCH, TestData.aStudio(), TestData.settings().build()))
                .extracting(Violation::field).containsExactly("target_entity_type");
    }

    @Test
    void a_service_profile_on_studio_search_is_rejected_on_the_target_entity_type() {
        assertThat(Campaign.authoringViolations(Surface.STUDIO_SEARCH, TestData.aServiceProfile(),
                TestData.settings().build()))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("target_entity_type");
                    assertThat(v.message()).contains("studio_search").contains("service_profile");
                });
    }

    @Test
    void a_bad_pairing_is_reported_first_together_with_the_settings_violations() {
        assertThat(Campaign.authoringViolations(Surface.STUDIO_SEARCH, TestData.aServiceProfile(),
                TestData.settings().cpc(0).build()))
                .extracting(Violation::field).containsExactly("target_entity_type", "cpc_cents");
    }

    @Test
    void a_campaign_cannot_be_made_from_invalid_settings() {
        assertThatThrownBy(() -> Campaign.draft(id, owner, Surface.PEOPLE_SEARCH, TestData.aServiceProfile(),
                TestData.settings().cpc(0).build(), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpc_cents");
    }

    @Test
    void a_campaign_cannot_pair_a_surface_with_the_wrong_target() {
        assertThatThrownBy(() -> Campaign.draft(id, owner, Surface.PEOPLE_SEARCH, TestData.aStudio(),
                TestData.settings().build(), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target_entity_type");
    }

    @Test
    void a_draft_starts_as_a_draft_with_its_timestamps_as_postgresql_stores_them() {
        Campaign draft = Campaign.draft(id, owner, Surface.PEOPLE_SEARCH, TestData.aServiceProfile(),
                TestData.settings().build(), NOW.plusNanos(789));

        assertThat(draft.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(draft.createdAt()).isEqualTo(NOW).isEqualTo(draft.updatedAt());
    }

    @Test
    void a_target_id_must_carry_the_prefix_of_its_type() {
        assertThatThrownBy(() -> TargetEntity.parse("studio", "srv_123"))
                .isInstanceOfSatisfying(io.promo.domain.shared.InvalidCommandException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field)
                                .containsExactly("target_entity_id"));
        assertThat(TargetEntity.parse("service_profile", "srv_123"))
                .isEqualTo(new TargetEntity(TargetEntityType.SERVICE_PROFILE, "srv_123"));
    }
}
