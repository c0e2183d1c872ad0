package io.promo.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.InvalidCommandException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A retroactive credit names its period and says why, in at most 300 characters; bad input names its field. */
class CreditInvalidClicksCommandTest {

    private static final CampaignId CAMPAIGN = new CampaignId("pcmp_1");
    private static final Instant FROM = Instant.parse("2026-11-27T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-28T00:00:00Z");

    private static CreditInvalidClicksCommand command(String reason) {
        return new CreditInvalidClicksCommand(Actor.ADMIN, CAMPAIGN, FROM, TO, reason);
    }

    private static String fieldsOf(Runnable construction) {
        try {
            construction.run();
        } catch (InvalidCommandException e) {
            return e.getMessage();
        }
        throw new AssertionError("the command was accepted");
    }

    @Test
    void a_reason_of_exactly_300_characters_is_accepted_and_a_longer_one_is_refused_naming_reason() {
        String longest = "r".repeat(CreditInvalidClicksCommand.MAX_REASON_LENGTH);

        assertThat(command(longest).reason()).isEqualTo(longest);
        assertThat(fieldsOf(() -> command(longest + "r"))).contains("reason").contains("at most 300");
    }

    @Test
    void a_credit_needs_a_reason_that_is_not_blank() {
        assertThat(fieldsOf(() -> command(null))).contains("reason").contains("is required");
        assertThat(fieldsOf(() -> command("  "))).contains("reason").contains("is required");
    }

    @Test
    void the_period_needs_both_ends() {
        assertThat(fieldsOf(() -> new CreditInvalidClicksCommand(Actor.ADMIN, CAMPAIGN, null, null, "farm")))
                .contains("from").contains("to");
    }

    @Test
    void ends_in_the_wrong_order_still_make_a_command_whose_use_case_refuses_it() {
        // Relating two fields is a business rule (ADR 0008): CreditInvalidClicksTest holds the refusal.
        assertThat(new CreditInvalidClicksCommand(Actor.ADMIN, CAMPAIGN, TO, FROM, "farm").from()).isEqualTo(TO);
    }
}
