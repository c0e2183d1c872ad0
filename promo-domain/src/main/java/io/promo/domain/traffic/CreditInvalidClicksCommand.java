package io.promo.domain.traffic;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Violations;
import java.time.Instant;
import java.util.Objects;

/**
 * An admin marks a campaign's clicks in {@code [from, to)} invalid after the fact ({@code POST
 * /v1/campaigns/{id}/invalid-clicks}); every billed one is refunded once.
 *
 * <p>Built from untrusted input through the constructor, which throws an {@code InvalidCommandException}
 * naming {@code from}, {@code to} or {@code reason} for a field that breaks its own form. That the period ends
 * after it starts relates two fields: {@link CreditInvalidClicks} refuses it as a business rule (ADR 0008).
 */
public record CreditInvalidClicksCommand(Actor actor, CampaignId campaignId, Instant from, Instant to, String reason) {

    public static final int MAX_REASON_LENGTH = 300;

    public CreditInvalidClicksCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(campaignId, "campaignId");
        Violations violations = new Violations()
                .require(from != null, "from", "is required")
                .require(to != null, "to", "is required")
                .require(reason != null && !reason.isBlank(), "reason", "is required: why these clicks are invalid")
                .require(reason == null || reason.length() <= MAX_REASON_LENGTH, "reason",
                        "must be at most " + MAX_REASON_LENGTH + " characters");
        violations.throwIfAny();
    }
}
