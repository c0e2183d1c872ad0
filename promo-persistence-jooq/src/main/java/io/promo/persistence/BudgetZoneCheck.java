package io.promo.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The budget day is computed in Java (spend counters) and in SQL ({@code at time zone}, for reconcile and the
 * per-day credits of reports), so both must read the zone alike (ADR 0018). PostgreSQL reads a bare offset with
 * the POSIX sign ({@code '+10:00'} is UTC−10) and has its own copy of the tz database; this check asks it for
 * the local time of a few instants (now, and both sides of every transition within about a year) and refuses the
 * zone at start when any answer differs from Java's, instead of letting days drift apart silently.
 */
final class BudgetZoneCheck {

    private static final Duration AROUND = Duration.ofDays(400);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final String LOCAL_TIMES = """
            select to_char(cast(t as timestamptz) at time zone ?, 'YYYY-MM-DD"T"HH24:MI:SS')
            from unnest(cast(? as text[])) with ordinality as u(t, n) order by n
            """;

    private BudgetZoneCheck() {
    }

    /** @throws IllegalArgumentException when PostgreSQL does not know {@code zone} or reads it differently */
    static void requireAgreement(DataSource dataSource, ZoneId zone, Instant now) {
        List<Instant> instants = probes(zone, now);
        List<String> postgres = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(LOCAL_TIMES)) {
            Array texts = connection.createArrayOf("text", instants.stream().map(Instant::toString).toArray());
            query.setString(1, zone.getId());
            query.setArray(2, texts);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    postgres.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("PostgreSQL cannot use the budget zone '" + zone.getId() + "': "
                    + e.getMessage(), e);
        }
        for (int i = 0; i < instants.size(); i++) {
            String java = LocalDateTime.ofInstant(instants.get(i), zone).format(LOCAL);
            if (!java.equals(postgres.get(i))) {
                throw new IllegalArgumentException("PostgreSQL reads the budget zone '" + zone.getId()
                        + "' differently from Java: at " + instants.get(i) + " it is " + postgres.get(i)
                        + " there and " + java + " here, so budget days would differ. Use a region of the tz"
                        + " database (see ADR 0018), e.g. Australia/Brisbane or Etc/GMT-10 for UTC+10.");
            }
        }
    }

    private static List<Instant> probes(ZoneId zone, Instant now) {
        List<Instant> probes = new ArrayList<>(List.of(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        ZoneOffsetTransition transition = zone.getRules().nextTransition(now.minus(AROUND));
        while (transition != null && transition.getInstant().isBefore(now.plus(AROUND))) {
            probes.add(transition.getInstant().minusSeconds(1));
            probes.add(transition.getInstant());
            transition = zone.getRules().nextTransition(transition.getInstant());
        }
        return probes;
    }
}
