package io.promo.domain.pricing;

import io.promo.domain.shared.IdGenerator;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.Violation;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Use case: an admin creates or replaces the policy of a scope. */
public final class UpsertPolicy {

    private final PolicyRepository policies;
    private final IdGenerator ids;
    private final Clock clock;

    public UpsertPolicy(PolicyRepository policies, IdGenerator ids, Clock clock) {
        this.policies = policies;
        this.ids = ids;
        this.clock = clock;
    }

    public Outcome<Policy> upsert(UpsertPolicyCommand command) {
        Objects.requireNonNull(command, "command");
        if (!command.actor().isAdmin()) {
            return Outcome.rejected(Rejection.forbidden("only an admin can set policies"));
        }
        Money floor = Money.ofCents(command.cpcFloorCents());
        List<Violation> violations = PolicyLimits.violations(floor, command.maxDensityTop20(), command.maxAboveFold());
        if (!violations.isEmpty()) {
            return Outcome.invalid(violations);
        }
        PolicyLimits limits = new PolicyLimits(floor, command.maxDensityTop20(), command.maxAboveFold());
        // The id is used only if the scope has no policy yet; the repository keeps an existing one.
        return Outcome.accepted(policies.upsert(new Policy(ids.newPolicyId(), command.scope(), limits, clock.instant(),
                command.pricingMode())));
    }
}
