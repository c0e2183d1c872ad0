package io.promo.persistence.bench;

import io.promo.persistence.DatabaseMigrator;
import io.promo.persistence.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.postgresql.PGConnection;

/**
 * The numbers behind the event-retention design (ADR 0039): how many bytes a {@code promo_event} row takes in
 * PostgreSQL (heap and indexes), and how fast one day of events is exported as gzip-compressed CSV with a SHA-256 of
 * the file, as an export job would write it. One embedded PostgreSQL 17, {@code fsync=on}, migrated; {@code rows}
 * impression rows of one day, generated in SQL with the shapes the serving path writes (sortable ids, 32-hex keyed
 * hashes, the served {@code extra_json}). Options as {@code name=value}: {@code rows} (1000000), {@code rounds} (3).
 * Same classpath step as {@link LedgerBenchmark}.
 */
public final class EventExportBenchmark {

    private EventExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = 1_000_000;
        int rounds = 3;
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            switch (pair[0]) {
                case "rows" -> rows = Integer.parseInt(pair[1]);
                case "rounds" -> rounds = Integer.parseInt(pair[1]);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startTemporary(Map.of("fsync", "on"))) {
            DatabaseMigrator.migrate(server.dataSource());
            try (Connection connection = server.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                long began = System.nanoTime();
                statement.execute("""
                        insert into promo_event (event_id, campaign_id, impression_id, type, role, city, query_hash,
                                                 user_id, anon_fp_hash, ip_hash, ua_hash, ts, extra_json)
                        select 'pevt_01m8' || lpad(to_hex(i), 22, '0'),
                               'pcmp_01m8' || lpad(to_hex(i % 2000), 22, '0'),
                               'pevt_01m9' || lpad(to_hex(i / 4), 22, '0'),
                               'impression', 'photographer', 'berlin', md5('q' || (i % 5000)),
                               case when i % 2 = 0 then 'usr_' || lpad(to_hex(i % 100000), 26, '0') end,
                               case when i % 2 = 1 then md5('fp' || (i % 100000)) end,
                               md5('ip' || (i % 50000)), md5('ua' || (i % 300)),
                               timestamptz '2026-12-01 00:00:00+00' + (i * interval '86 milliseconds'),
                               jsonb_build_object('surface', 'people_search', 'position', i % 4 + 1,
                                                  'cpc_cents', 40 + i % 60, 'format', 'featured')
                        from generate_series(1, ROWS) i
                        """.replace("ROWS", String.valueOf(rows)));
                statement.execute("vacuum analyze promo_event");
                System.out.printf(Locale.ROOT, "PostgreSQL %s; %,d impression rows generated in %.1f s%n",
                        server.setting("server_version"), rows, (System.nanoTime() - began) / 1e9);
                try (ResultSet size = statement.executeQuery("select pg_relation_size('promo_event'),"
                        + " pg_indexes_size('promo_event'), pg_total_relation_size('promo_event')")) {
                    size.next();
                    System.out.printf(Locale.ROOT, "bytes per row: heap %.0f, indexes %.0f, total with TOAST %.0f%n",
                            size.getLong(1) / (double) rows, size.getLong(2) / (double) rows, size.getLong(3) / (double) rows);
                }
                for (int round = 1; round <= rounds; round++) {
                    CountingStream file = new CountingStream();
                    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                    long start = System.nanoTime();
                    long copied;
                    try (GZIPOutputStream gzip = new GZIPOutputStream(new DigestOutputStream(file, sha256), 1 << 16)) {
                        copied = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(
                                "copy (select * from promo_event where ts >= '2026-12-01' and ts < '2026-12-02' order by ts)"
                                        + " to stdout with (format csv, header)", gzip);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "export round %d: %,d rows in %.2f s = %,.0f rows/s; gzip %,d bytes"
                                    + " = %.1f bytes/row; sha256 %s…%n", round, copied, seconds, copied / seconds,
                            file.count, file.count / (double) copied, HexFormat.of().formatHex(sha256.digest()).substring(0, 12));
                }
            }
        }
    }

    /** Where the compressed file would go: counts its bytes. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            count += length;
        }
    }
}
