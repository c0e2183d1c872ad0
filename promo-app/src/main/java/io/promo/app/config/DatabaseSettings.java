package io.promo.app.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the data lives: a PostgreSQL server at {@code url}, or, when none is configured (dev mode only),
 * an embedded PostgreSQL whose data stays in {@code embeddedDataDirectory} across restarts.
 */
public record DatabaseSettings(Optional<String> url, Optional<String> user, Optional<Secret> password,
        Path embeddedDataDirectory, int poolSize) {

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(embeddedDataDirectory, "embeddedDataDirectory");
    }

    public boolean embedded() {
        return url.isEmpty();
    }

    @Override
    public String toString() {
        return embedded() ? "embedded PostgreSQL in " + embeddedDataDirectory
                : "PostgreSQL at " + url.get().replaceAll("password=[^&]*", "password=hidden") + user.map(u -> " as " + u).orElse("");
    }
}
