package io.promo.app.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /health} reports, gathered without waiting on anything: the last check of the database (made
 * in the background, on a connection of its own), the serving index's age, the impression buffer.
 *
 * @param database         the database's last check
 * @param servingIndex     the snapshot decisions are answered from
 * @param impressionBuffer impressions on their way to the event log
 */
public record Health(Database database, ServingIndex servingIndex, ImpressionBuffer impressionBuffer) {

    public Health {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(servingIndex, "servingIndex");
        Objects.requireNonNull(impressionBuffer, "impressionBuffer");
    }

    /**
     * @param problem empty when the database answered; otherwise why not
     * @param active  pooled connections in use; {@code waiting}: requests waiting for one
     */
    public record Database(Optional<String> problem, Instant checkedAt, int active, int idle, int waiting, int max) {
        public Database {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(checkedAt, "checkedAt");
        }

        public boolean up() {
            return problem.isEmpty();
        }
    }

    /**
     * @param builtAt  empty until the first build
     * @param staleAfter older than this, a change to a campaign is not being served: the refresh is failing
     */
    public record ServingIndex(Optional<Instant> builtAt, Duration age, Duration staleAfter) {
        public ServingIndex {
            Objects.requireNonNull(builtAt, "builtAt");
            Objects.requireNonNull(age, "age");
            Objects.requireNonNull(staleAfter, "staleAfter");
        }

        public boolean fresh() {
            return builtAt.isPresent() && age.compareTo(staleAfter) <= 0;
        }
    }

    /** @param failing the latest write to the event log failed: impressions are queueing, not being written */
    public record ImpressionBuffer(long depth, long capacity, long dropped, long lost, boolean failing) {
    }

    /** Money work (clicks, top-ups, webhooks) needs the database; decisions do not. */
    public boolean canTakeMoneyWork() {
        return database.up();
    }
}
