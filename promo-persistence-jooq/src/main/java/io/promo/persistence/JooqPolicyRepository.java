package io.promo.persistence;

import static io.promo.persistence.jooq.generated.Tables.PROMO_POLICY;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.collation;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.quotedName;

import io.promo.domain.pricing.Policy;
import io.promo.domain.pricing.PolicyRepository;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.shared.RoleCode;
import java.util.List;
import java.util.Optional;
import org.jooq.Collation;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * {@link PolicyRepository} on {@code promo_policy}. One policy per scope is enforced by the unique
 * index {@code promo_policy_natural_key} on (surface, coalesce(role, ''), city), which the upsert
 * names as its conflict target, so concurrent upserts of one scope cannot create two rows.
 */
public final class JooqPolicyRepository implements PolicyRepository {

    /** PostgreSQL's "C" collation, quoted: unquoted, the name folds to a "c" that does not exist. */
    private static final Collation BYTEWISE = collation(quotedName("C"));

    private final DSLContext db;

    public JooqPolicyRepository(DSLContext db) {
        this.db = db;
    }

    @Override
    public Policy upsert(Policy policy) {
        return db.insertInto(PROMO_POLICY)
                .set(PolicyMapper.toRecord(policy))
                // inline(''): ON CONFLICT infers the index by its expression, which a bind value would not match.
                .onConflict(PROMO_POLICY.SURFACE, coalesce(PROMO_POLICY.ROLE, inline("")), PROMO_POLICY.CITY)
                .doUpdate()
                .set(PROMO_POLICY.CPC_FLOOR_CENTS, excluded(PROMO_POLICY.CPC_FLOOR_CENTS))
                .set(PROMO_POLICY.MAX_DENSITY_TOP20, excluded(PROMO_POLICY.MAX_DENSITY_TOP20))
                .set(PROMO_POLICY.MAX_ABOVE_FOLD, excluded(PROMO_POLICY.MAX_ABOVE_FOLD))
                .set(PROMO_POLICY.UPDATED_AT, excluded(PROMO_POLICY.UPDATED_AT))
                .returning()
                .fetchSingle()
                .map(row -> PolicyMapper.toDomain(row.into(PROMO_POLICY)));
    }

    @Override
    public Optional<Policy> findByScope(PolicyScope scope) {
        return db.selectFrom(PROMO_POLICY)
                .where(PROMO_POLICY.SURFACE.eq(scope.surface().code()))
                .and(PROMO_POLICY.CITY.eq(scope.city().value()))
                .and(roleIs(scope.role()))
                .fetchOptional()
                .map(PolicyMapper::toDomain);
    }

    @Override
    public List<Policy> findAll() {
        // COLLATE "C": codes compare byte by byte, as the domain does, whatever the database's locale.
        return db.selectFrom(PROMO_POLICY)
                .orderBy(PROMO_POLICY.SURFACE.collate(BYTEWISE), PROMO_POLICY.CITY.collate(BYTEWISE),
                        coalesce(PROMO_POLICY.ROLE, inline("")).collate(BYTEWISE))
                .fetch(PolicyMapper::toDomain);
    }

    private static Condition roleIs(Optional<RoleCode> role) {
        return role.map(r -> PROMO_POLICY.ROLE.eq(r.value())).orElseGet(PROMO_POLICY.ROLE::isNull);
    }
}
