package io.promo.persistence;

import static io.promo.persistence.jooq.generated.Tables.PROMO_POLICY;
import static io.promo.persistence.jooq.generated.Tables.PROMO_POLICY_PRICING;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.collation;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.quotedName;

import io.promo.domain.pricing.Policy;
import io.promo.domain.pricing.PolicyRepository;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.pricing.PricingMode;
import io.promo.domain.shared.RoleCode;
import io.promo.persistence.jooq.generated.tables.records.PromoPolicyPricingRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.Collation;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.OrderField;
import org.jooq.impl.DSL;

/**
 * {@link PolicyRepository} on {@code promo_policy} and, for a policy that sets its pricing mode,
 * {@code promo_policy_pricing} (a side table: the seed's columns never change). One policy per scope is enforced by the unique
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
        return db.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            String id = tx.insertInto(PROMO_POLICY)
                    .set(PolicyMapper.toRecord(policy))
                    // inline(''): ON CONFLICT infers the index by its expression, which a bind value would not match.
                    .onConflict(PROMO_POLICY.SURFACE, coalesce(PROMO_POLICY.ROLE, inline("")), PROMO_POLICY.CITY)
                    .doUpdate()
                    .set(PROMO_POLICY.CPC_FLOOR_CENTS, excluded(PROMO_POLICY.CPC_FLOOR_CENTS))
                    .set(PROMO_POLICY.MAX_DENSITY_TOP20, excluded(PROMO_POLICY.MAX_DENSITY_TOP20))
                    .set(PROMO_POLICY.MAX_ABOVE_FOLD, excluded(PROMO_POLICY.MAX_ABOVE_FOLD))
                    .set(PROMO_POLICY.UPDATED_AT, excluded(PROMO_POLICY.UPDATED_AT))
                    .returning(PROMO_POLICY.POLICY_ID)
                    .fetchSingle(PROMO_POLICY.POLICY_ID);
            writePricingMode(tx, id, policy.pricingMode());
            return select(tx, PROMO_POLICY.POLICY_ID.eq(id)).get(0);
        });
    }

    @Override
    public Optional<Policy> findByScope(PolicyScope scope) {
        return select(db, PROMO_POLICY.SURFACE.eq(scope.surface().code())
                .and(PROMO_POLICY.CITY.eq(scope.city().value()))
                .and(roleIs(scope.role()))).stream().findFirst();
    }

    @Override
    public List<Policy> findAll() {
        // COLLATE "C": codes compare byte by byte, as the domain does, whatever the database's locale.
        return select(db, DSL.noCondition(), PROMO_POLICY.SURFACE.collate(BYTEWISE), PROMO_POLICY.CITY.collate(BYTEWISE),
                coalesce(PROMO_POLICY.ROLE, inline("")).collate(BYTEWISE));
    }

    /**
     * The policies {@code where} selects, each with its pricing mode from the side table, in one statement. The one
     * way policies are read: the repository's queries and the serving index's change reads ({@link JdbcServingChanges}).
     */
    static List<Policy> select(DSLContext db, Condition where, OrderField<?>... order) {
        return db.select(PROMO_POLICY.asterisk(), PROMO_POLICY_PRICING.PRICING_MODE)
                .from(PROMO_POLICY)
                .leftJoin(PROMO_POLICY_PRICING).on(PROMO_POLICY_PRICING.POLICY_ID.eq(PROMO_POLICY.POLICY_ID))
                .where(where)
                .orderBy(order)
                .fetch(row -> PolicyMapper.toDomain(row.into(PROMO_POLICY), Optional.ofNullable(
                        row.get(PROMO_POLICY_PRICING.PRICING_MODE)).map(mode -> PricingMode.ofCode("pricing_mode", mode))));
    }

    /** The policy's own pricing mode as its side-table row: present, or absent (the city's or the deployment's). */
    private static void writePricingMode(DSLContext tx, String policyId, Optional<PricingMode> mode) {
        SideRows.write(tx, PROMO_POLICY_PRICING.POLICY_ID, policyId,
                mode.map(m -> new PromoPolicyPricingRecord(policyId, m.code())));
    }

    private static Condition roleIs(Optional<RoleCode> role) {
        return role.map(r -> PROMO_POLICY.ROLE.eq(r.value())).orElseGet(PROMO_POLICY.ROLE::isNull);
    }
}
