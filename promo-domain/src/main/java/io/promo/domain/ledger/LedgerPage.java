package io.promo.domain.ledger;

import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.LedgerEntryId;
import java.util.Objects;
import java.util.Optional;

/** A page of ledger entries, newest first: at most {@code limit}, all older than the {@code before} entry. */
public record LedgerPage(int limit, Optional<LedgerEntryId> before) {

    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 50;

    public LedgerPage {
        Objects.requireNonNull(before, "before");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidCommandException.of("limit", "must be between 1 and " + MAX_LIMIT + " (got " + limit + ")");
        }
    }

    public static LedgerPage first(int limit) {
        return new LedgerPage(limit, Optional.empty());
    }
}
