package io.promo.domain.campaign;

import static io.promo.domain.campaign.CampaignAction.ACTIVATE;
import static io.promo.domain.campaign.CampaignAction.END;
import static io.promo.domain.campaign.CampaignAction.PAUSE;
import static io.promo.domain.campaign.CampaignAction.REINSTATE;
import static io.promo.domain.campaign.CampaignAction.RESUME;
import static io.promo.domain.campaign.CampaignAction.SUSPEND;
import static io.promo.domain.campaign.CampaignStatus.ACTIVE;
import static io.promo.domain.campaign.CampaignStatus.DRAFT;
import static io.promo.domain.campaign.CampaignStatus.ENDED;
import static io.promo.domain.campaign.CampaignStatus.PAUSED;
import static io.promo.domain.campaign.CampaignStatus.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.testing.TestData;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (status × action) pair, for the owning advertiser and for an admin: draft→active→paused⇄active,
 * any→ended (terminal), admin: any non-ended→suspended, suspended→paused.
 */
class CampaignLifecycleTest {

    private static final Instant LATER = TestData.NOW.plusSeconds(60);

    /** What applying an action should give. */
    record Expected(Rejection.Kind rejection, CampaignStatus status) {
        static Expected becomes(CampaignStatus status) {
            return new Expected(null, status);
        }

        static Expected unchanged() {
            return new Expected(null, null);
        }

        static Expected illegal() {
            return new Expected(Rejection.Kind.ILLEGAL_TRANSITION, null);
        }

        static Expected forbidden() {
            return new Expected(Rejection.Kind.FORBIDDEN, null);
        }

        @Override
        public String toString() {
            return rejection != null ? rejection.name() : status != null ? "→ " + status.code() : "unchanged";
        }
    }

    private static Arguments row(CampaignStatus from, CampaignAction action, Expected byOwner, Expected byAdmin) {
        return arguments(from, action, byOwner, byAdmin);
    }

    static Stream<Arguments> lifecycle() {
        Expected illegal = Expected.illegal();
        Expected forbidden = Expected.forbidden();
        Expected unchanged = Expected.unchanged();
        return Stream.of(
                //  from       action     by the owner               by an admin
                row(DRAFT,     ACTIVATE,  Expected.becomes(ACTIVE),    Expected.becomes(ACTIVE)),
                row(DRAFT,     PAUSE,     illegal,                     illegal),
                row(DRAFT,     RESUME,    illegal,                     illegal),
                row(DRAFT,     END,       Expected.becomes(ENDED),     Expected.becomes(ENDED)),
                row(DRAFT,     SUSPEND,   forbidden,                   Expected.becomes(SUSPENDED)),
                row(DRAFT,     REINSTATE, forbidden,                   illegal),

                row(ACTIVE,    ACTIVATE,  unchanged,                   unchanged),
                row(ACTIVE,    PAUSE,     Expected.becomes(PAUSED),    Expected.becomes(PAUSED)),
                row(ACTIVE,    RESUME,    unchanged,                   unchanged),
                row(ACTIVE,    END,       Expected.becomes(ENDED),     Expected.becomes(ENDED)),
                row(ACTIVE,    SUSPEND,   forbidden,                   Expected.becomes(SUSPENDED)),
                row(ACTIVE,    REINSTATE, forbidden,                   illegal),

                row(PAUSED,    ACTIVATE,  illegal,                     illegal),
                row(PAUSED,    PAUSE,     unchanged,                   unchanged),
                row(PAUSED,    RESUME,    Expected.becomes(ACTIVE),    Expected.becomes(ACTIVE)),
                row(PAUSED,    END,       Expected.becomes(ENDED),     Expected.becomes(ENDED)),
                row(PAUSED,    SUSPEND,   forbidden,                   Expected.becomes(SUSPENDED)),
                row(PAUSED,    REINSTATE, forbidden,                   unchanged),

                row(ENDED,     ACTIVATE,  illegal,                     illegal),
                row(ENDED,     PAUSE,     illegal,                     illegal),
                row(ENDED,     RESUME,    illegal,                     illegal),
                row(ENDED,     END,       unchanged,                   unchanged),
                row(ENDED,     SUSPEND,   forbidden,                   illegal),
                row(ENDED,     REINSTATE, forbidden,                   illegal),

                row(SUSPENDED, ACTIVATE,  illegal,                     illegal),
                row(SUSPENDED, PAUSE,     illegal,                     illegal),
                row(SUSPENDED, RESUME,    illegal,                     illegal),
                row(SUSPENDED, END,       Expected.becomes(ENDED),     Expected.becomes(ENDED)),
                row(SUSPENDED, SUSPEND,   forbidden,                   unchanged),
                row(SUSPENDED, REINSTATE, forbidden,                   Expected.becomes(PAUSED)));
    }

    @ParameterizedTest(name = "{0} + {1}: owner {2}, admin {3}")
    @MethodSource("lifecycle")
    void the_owner_moves_a_campaign_as_the_lifecycle_allows(CampaignStatus from, CampaignAction action,
            Expected byOwner, Expected byAdmin) {
        Campaign campaign = campaignIn(from);
        check(campaign, campaign.apply(action, Actor.tenant(campaign.advertiserId()), LATER), byOwner);
    }

    @ParameterizedTest(name = "{0} + {1}: owner {2}, admin {3}")
    @MethodSource("lifecycle")
    void an_admin_moves_a_campaign_as_the_lifecycle_allows(CampaignStatus from, CampaignAction action,
            Expected byOwner, Expected byAdmin) {
        Campaign campaign = campaignIn(from);
        check(campaign, campaign.apply(action, Actor.ADMIN, LATER), byAdmin);
    }

    @Test
    void the_table_covers_every_status_and_action_exactly_once() {
        List<String> pairs = lifecycle().map(a -> a.get()[0] + "/" + a.get()[1]).collect(Collectors.toList());
        assertThat(pairs).doesNotHaveDuplicates()
                .hasSize(CampaignStatus.values().length * CampaignAction.values().length);
    }

    @Test
    void activating_a_paused_campaign_says_to_resume_it() {
        assertThat(detailOf(campaignIn(PAUSED).apply(ACTIVATE, Actor.ADMIN, LATER))).contains("resume");
    }

    @Test
    void resuming_a_draft_says_to_activate_it() {
        assertThat(detailOf(campaignIn(DRAFT).apply(RESUME, Actor.ADMIN, LATER))).contains("activate");
    }

    @Test
    void an_ended_campaign_says_it_has_ended() {
        assertThat(detailOf(campaignIn(ENDED).apply(RESUME, Actor.ADMIN, LATER))).contains("ended");
    }

    @Test
    void a_suspended_campaign_tells_its_owner_that_only_an_admin_can_reinstate_it() {
        Campaign suspended = campaignIn(SUSPENDED);
        assertThat(detailOf(suspended.apply(RESUME, Actor.tenant(suspended.advertiserId()), LATER)))
                .contains("admin");
    }

    @Test
    void a_move_advances_the_row_version_even_when_the_clock_stands_still() {
        Campaign draft = campaignIn(DRAFT);
        Campaign active = draft.apply(ACTIVATE, Actor.ADMIN, draft.updatedAt()).orElseThrow();
        assertThat(active.updatedAt()).isAfter(draft.updatedAt());
    }

    private static void check(Campaign before, Outcome<Campaign> outcome, Expected expected) {
        if (expected.rejection() != null) {
            assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, rejected -> {
                assertThat(rejected.rejection().kind()).isEqualTo(expected.rejection());
                assertThat(rejected.rejection().detail()).isNotBlank();
            });
        } else if (expected.status() == null) {
            assertThat(outcome.orElseThrow()).isSameAs(before);
        } else {
            Campaign after = outcome.orElseThrow();
            assertThat(after.status()).isEqualTo(expected.status());
            assertThat(after.updatedAt()).isEqualTo(LATER);
            assertThat(after).usingRecursiveComparison().ignoringFields("status", "updatedAt").isEqualTo(before);
        }
    }

    private static String detailOf(Outcome<Campaign> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected<Campaign>) outcome).rejection().detail();
    }

    static Campaign campaignIn(CampaignStatus status) {
        Campaign draft = TestData.aCampaign(TestData.IDS.newAdvertiserId());
        return new Campaign(draft.id(), draft.advertiserId(), draft.surface(), draft.target(), draft.settings(), status,
                draft.createdAt(), draft.updatedAt());
    }
}
