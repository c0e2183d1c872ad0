package io.promo.app.http;

import io.promo.app.PromoApplication;
import io.promo.app.config.PromoConfig;
import io.promo.persistence.EmbeddedPostgresServer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * One promo per test JVM, as {@code ./promo serve} runs it, on a free port of the loopback, over a
 * throw-away embedded PostgreSQL named by {@code PROMO_DB_URL} (the configured-database path). Tests share
 * it and create their own advertisers, so they do not see each other's data.
 */
final class TestServer {

    static final String ADMIN_KEY = "test-admin-key-0123456789abcdefghijklmnop";
    static final String SERVICE_KEY = "test-service-key-0123456789abcdefghijklmn";
    /** Set, not generated, so that an in-process promo on the same database signs and hashes alike. */
    static final String HASH_SECRET = "test-hash-secret-0123456789abcdefghijklmno";
    static final String CLICK_TOKEN_SECRET = "test-click-token-secret-0123456789abcdefgh";
    /** Small enough that the oversize-body test is cheap. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    private TestServer() {
    }

    private static final class Holder {
        static final EmbeddedPostgresServer DATABASE = EmbeddedPostgresServer.start();
        static final PromoApplication APP = PromoApplication.start(PromoConfig.load(Map.of(
                PromoConfig.DB_URL, DATABASE.jdbcUrl(),
                PromoConfig.HTTP_PORT, "0",
                PromoConfig.HTTP_MAX_BODY_BYTES, Long.toString(MAX_BODY_BYTES),
                PromoConfig.ADMIN_KEY, ADMIN_KEY,
                PromoConfig.SERVICE_KEY, SERVICE_KEY,
                PromoConfig.HASH_SECRET, HASH_SECRET,
                PromoConfig.CLICK_TOKEN_SECRET, CLICK_TOKEN_SECRET), Map.of(), new SecureRandom()));

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                APP.close();
                DATABASE.close();
            }, "test-server-closer"));
        }
    }

    static PromoApplication app() {
        return Holder.APP;
    }

    /** The database the test JVM's promo runs on, for a second promo on it. */
    static String databaseUrl() {
        return Holder.DATABASE.jdbcUrl();
    }

    static ApiClient client() {
        return new ApiClient("http://127.0.0.1:" + Holder.APP.port());
    }

    /**
     * Every table's content as one digest per table: equal snapshots mean nothing was written, by anyone.
     */
    static Map<String, String> databaseSnapshot() {
        // Impressions of earlier tests' decisions, and their impression-share counts, are written in the background:
        // let them land first, so that a snapshot taken before a request and one taken after differ only by what the
        // request did.
        Holder.APP.flushImpressions();
        Holder.APP.flushImpressionShare();
        Map<String, String> digests = new TreeMap<>();
        try (Connection connection = Holder.APP.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = statement.executeQuery("select tablename from pg_tables where schemaname = 'public'"
                    + " and tablename <> 'flyway_schema_history'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|'"
                        + " order by t::text)), '') from " + table + " t")) {
                    rs.next();
                    digests.put(table, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot snapshot the database", e);
        }
        return digests;
    }
}
