package io.promo.domain.pricing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Fake for fast domain tests; {@link PolicyRepositoryContract} keeps it honest. */
public final class InMemoryPolicyRepository implements PolicyRepository {

    static final Comparator<Policy> LISTING_ORDER = Comparator
            .comparing((Policy p) -> p.scope().surface().code())
            .thenComparing(p -> p.scope().city().value())
            .thenComparing(p -> p.scope().role().map(r -> r.value()).orElse(""));

    private final ConcurrentHashMap<PolicyScope, Policy> rows = new ConcurrentHashMap<>();

    @Override
    public Policy upsert(Policy policy) {
        return rows.merge(policy.scope(), policy,
                (stored, incoming) -> new Policy(stored.id(), stored.scope(), incoming.limits(), incoming.updatedAt(),
                        incoming.pricingMode()));
    }

    @Override
    public Optional<Policy> findByScope(PolicyScope scope) {
        return Optional.ofNullable(rows.get(scope));
    }

    @Override
    public List<Policy> findAll() {
        return rows.values().stream().sorted(LISTING_ORDER).toList();
    }
}
