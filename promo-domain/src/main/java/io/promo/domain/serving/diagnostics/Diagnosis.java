package io.promo.domain.serving.diagnostics;

import io.promo.domain.serving.engine.Check;
import io.promo.domain.serving.engine.CheckResult;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a campaign was (not) shown for a search: every check in {@link Check} order with its verdict and
 * reason, the deciding reason (the first failure) and, when shown, its position.
 *
 * <p>Shown if and only if every check passed: the constructor refuses anything else, so a diagnosis can
 * never contradict the decision it was computed with.
 */
public record Diagnosis(
        CampaignId campaignId,
        Instant at,
        LocalDate budgetDay,
        Surface surface,
        Optional<RoleCode> role,
        CityCode city,
        String normalizedQuery,
        List<CheckResult> checks,
        Optional<Check> decidingReason,
        Optional<Integer> position) {

    public Diagnosis {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(budgetDay, "budgetDay");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(normalizedQuery, "normalizedQuery");
        Objects.requireNonNull(decidingReason, "decidingReason");
        Objects.requireNonNull(position, "position");
        checks = List.copyOf(checks);
        if (checks.size() != Check.values().length) {
            throw new IllegalArgumentException("a diagnosis reports every check once: " + checks);
        }
        Optional<Check> firstFailure = checks.stream().filter(CheckResult::failed).map(CheckResult::check).findFirst();
        boolean allPassed = checks.stream().allMatch(CheckResult::passed);
        if (!firstFailure.equals(decidingReason) || allPassed != position.isPresent()) {
            throw new IllegalStateException("diagnosis contradicts itself: shown at " + position + ", deciding reason "
                    + decidingReason + ", checks " + checks);
        }
    }

    public boolean shown() {
        return position.isPresent();
    }

    public CheckResult check(Check check) {
        return checks.stream().filter(result -> result.check() == check).findFirst().orElseThrow();
    }
}
