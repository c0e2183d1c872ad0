package io.promo.persistence;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** Brings a database to the newest schema with the Flyway migrations in {@code classpath:db/migration}. */
public final class DatabaseMigrator {

    public static final String MIGRATIONS_LOCATION = "classpath:db/migration";

    private DatabaseMigrator() {
    }

    /**
     * Applies the pending migrations to the data source's default schema.
     *
     * @return the schema version the database is at afterwards, e.g. {@code "2"}
     */
    public static String migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS_LOCATION)
                .failOnMissingLocations(true)
                .cleanDisabled(true)
                .load();
        flyway.migrate();
        MigrationInfo current = flyway.info().current();
        if (current == null || current.getVersion() == null) {
            throw new IllegalStateException("No migration is applied after migrating");
        }
        return current.getVersion().getVersion();
    }
}
