package io.promo.persistence;

import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

/** Brings a database to the newest schema with the Flyway migrations in {@code classpath:db/migration}. */
public final class DatabaseMigrator {

    public static final String MIGRATIONS_LOCATION = "classpath:db/migration";

    private DatabaseMigrator() {
    }

    /**
     * What a migration did: how many migrations it applied, and the schema version before (empty for a new
     * database) and after.
     */
    public record Migration(int applied, Optional<String> fromVersion, String version) {

        public Migration {
            Objects.requireNonNull(fromVersion, "fromVersion");
            Objects.requireNonNull(version, "version");
            if (applied < 0) {
                throw new IllegalArgumentException("applied must not be negative, got " + applied);
            }
        }

        /** One line for a person: what was applied, or that nothing needed to be. */
        public String describe() {
            if (applied == 0) {
                return "schema already at version " + version + ": nothing to migrate";
            }
            return "applied " + applied + (applied == 1 ? " migration" : " migrations") + " ("
                    + fromVersion.map(from -> "version " + from).orElse("empty database") + " → version " + version + ")";
        }
    }

    /**
     * Applies the pending migrations to the data source's default schema.
     *
     * @return the schema version the database is at afterwards, e.g. {@code "2"}
     */
    public static String migrate(DataSource dataSource) {
        return apply(dataSource).version();
    }

    /**
     * Checks, changing nothing, that the data source's default schema has every migration of this build applied as
     * written (for a role that may read but not change the schema, such as a search service's on a replica).
     *
     * @return the schema version the database is at
     * @throws IllegalStateException naming what differs: a migration not applied, one changed since, one unknown
     */
    public static String verify(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Flyway flyway = flyway(dataSource);
        ValidateResult result = flyway.validateWithResult();
        MigrationInfo current = flyway.info().current();
        if (!result.validationSuccessful || current == null || current.getVersion() == null) {
            throw new IllegalStateException("the database's schema is not the one this promo needs (migrate it first,"
                    + " with ./promo migrate or Schema.MIGRATE): " + (current == null ? "no migration is applied; " : "")
                    + result.getAllErrorMessages());
        }
        return current.getVersion().getVersion();
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS_LOCATION)
                .failOnMissingLocations(true)
                .cleanDisabled(true)
                .load();
    }

    /** Applies the pending migrations to the data source's default schema and says what it did. */
    public static Migration apply(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Flyway flyway = flyway(dataSource);
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        if (current == null || current.getVersion() == null) {
            throw new IllegalStateException("No migration is applied after migrating");
        }
        return new Migration(result.migrationsExecuted, Optional.ofNullable(result.initialSchemaVersion),
                current.getVersion().getVersion());
    }
}
