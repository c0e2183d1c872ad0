package io.promo.domain.funding;

import io.promo.domain.shared.CampaignId;
import java.util.Objects;
import java.util.Optional;

/**
 * Out port: the top-up requests promo has taken, one per campaign and client idempotency key (ADR 0015).
 * Claiming a key is one insert, so of concurrent requests with one key exactly one charges; a request's
 * answer is stored by compare-and-set on its attempt, so a charge taken over after a crash cannot
 * overwrite the newer attempt's answer.
 */
public interface TopUpRequests {

    /**
     * Stores {@code claimed} unless a request with its campaign and client key is stored; then nothing is
     * written and the stored request is answered.
     */
    Claim claim(TopUpRequest claimed);

    Optional<TopUpRequest> find(CampaignId campaignId, String clientKey);

    /**
     * Replaces the stored request by {@code next} if it is still pending in {@code current}'s attempt;
     * false (and nothing written) otherwise.
     */
    boolean replace(TopUpRequest current, TopUpRequest next);

    /** What {@link #claim} found: the stored request, and whether this call stored it. */
    record Claim(TopUpRequest request, boolean newlyClaimed) {
        public Claim {
            Objects.requireNonNull(request, "request");
        }
    }
}
