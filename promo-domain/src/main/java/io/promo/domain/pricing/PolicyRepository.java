package io.promo.domain.pricing;

import java.util.List;
import java.util.Optional;

/** Out port: the policy table. */
public interface PolicyRepository {

    /**
     * Inserts {@code policy}, or when its scope already has one, replaces that one's limits and
     * {@code updated_at} while keeping its id. Returns the policy as stored.
     */
    Policy upsert(Policy policy);

    Optional<Policy> findByScope(PolicyScope scope);

    /** All policies, ordered by surface, city and role (city-wide first). */
    List<Policy> findAll();
}
