package io.promo.persistence;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;

/**
 * A side table's one optional row per owner (a setting the seed's tables have no column for): the row when the
 * owner sets it, none when it leaves it to a default. Written in the owner's transaction.
 */
final class SideRows {

    private SideRows() {
    }

    /**
     * Makes owner {@code ownerId}'s row of {@code owner}'s table {@code row}: inserted or replaced when present,
     * deleted when empty.
     *
     * @param owner the side table's primary key, which names the owner
     * @param row   the row, of this owner
     */
    static <R extends UpdatableRecord<R>> void write(DSLContext tx, TableField<R, String> owner, String ownerId,
            Optional<R> row) {
        if (row.isEmpty()) {
            tx.deleteFrom(owner.getTable()).where(owner.eq(ownerId)).execute();
            return;
        }
        tx.insertInto(owner.getTable()).set(row.get()).onConflict(owner).doUpdate().set(row.get()).execute();
    }
}
