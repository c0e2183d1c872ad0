package io.promo.embedded.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the data lives: a PostgreSQL server at {@code url}, or, when none is configured (dev mode only),
 * an embedded PostgreSQL whose data stays in {@code embeddedDataDirectory} across restarts; and how long
 * promo waits for it (ADR 0014).
 *
 * @param connectionTimeout  the longest a request waits for a pooled connection before it answers 503
 * @param statementTimeout   PostgreSQL's {@code statement_timeout} on promo's connections (zero: none)
 * @param lockTimeout        PostgreSQL's {@code lock_timeout} on promo's connections (zero: none)
 * @param reader             a read replica for the serving index's refresh, reports and diagnostics; empty: every
 *                           read goes to the writer
 */
public record DatabaseSettings(Optional<String> url, Optional<String> user, Optional<Secret> password,
        Path embeddedDataDirectory, int poolSize, Duration connectionTimeout, Duration statementTimeout,
        Duration lockTimeout, Optional<Reader> reader) {

    /** A read replica: its JDBC URL and, when they differ from the writer's, its user and password. */
    public record Reader(String url, Optional<String> user, Optional<Secret> password) {
        public Reader {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return url.replaceAll("password=[^&]*", "password=hidden") + user.map(u -> " as " + u).orElse("");
        }
    }

    /** The same settings with every read on the writer. */
    public DatabaseSettings(Optional<String> url, Optional<String> user, Optional<Secret> password,
            Path embeddedDataDirectory, int poolSize, Duration connectionTimeout, Duration statementTimeout,
            Duration lockTimeout) {
        this(url, user, password, embeddedDataDirectory, poolSize, connectionTimeout, statementTimeout, lockTimeout,
                Optional.empty());
    }

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(embeddedDataDirectory, "embeddedDataDirectory");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(reader, "reader");
    }

    public boolean embedded() {
        return url.isEmpty();
    }

    @Override
    public String toString() {
        return embedded() ? "embedded PostgreSQL in " + embeddedDataDirectory
                : "PostgreSQL at " + url.get().replaceAll("password=[^&]*", "password=hidden") + user.map(u -> " as " + u).orElse("")
                + reader.map(r -> ", reads of the index, reports and diagnostics from " + r).orElse("");
    }
}
