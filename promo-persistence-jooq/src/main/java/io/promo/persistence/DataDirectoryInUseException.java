package io.promo.persistence;

import java.nio.file.Path;

/**
 * The embedded PostgreSQL's data directory is held by another server (zonky's {@code epg-lock}): usually a
 * {@code ./promo serve} still running on it. Thrown instead of zonky's bare lock failure, so that the command line
 * can say what to do in one line.
 */
public final class DataDirectoryInUseException extends RuntimeException {

    private final Path dataDirectory;

    DataDirectoryInUseException(Path dataDirectory, Throwable cause) {
        super("the embedded PostgreSQL data directory " + dataDirectory + " is in use by another promo (is ./promo serve"
                + " running?): stop it first, or give this command another --data-dir", cause);
        this.dataDirectory = dataDirectory;
    }

    /** Held by this very process, for the reason given ({@code EmbeddedPostgresServer} keeps the reasons). */
    DataDirectoryInUseException(Path dataDirectory, String heldHereBecause) {
        super("the embedded PostgreSQL data directory " + dataDirectory + " is held by this process: " + heldHereBecause);
        this.dataDirectory = dataDirectory;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }
}
