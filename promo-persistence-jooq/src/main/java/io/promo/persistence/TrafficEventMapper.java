package io.promo.persistence;

import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.UserId;
import io.promo.domain.traffic.EventDetail;
import io.promo.domain.traffic.EventType;
import io.promo.domain.traffic.InvalidClickReason;
import io.promo.domain.traffic.TrafficEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * {@link TrafficEvent} to the columns of {@code promo_event}, and its detail to {@code extra_json} and to the outcome
 * of its per-day count in {@code promo_traffic_daily}; the outcomes back to reasons for the reports. The JSON keeps
 * the keys rows have always had (docs/traffic.md), so old rows and the SQL that reads them ({@code billed_cents},
 * {@code reason}) stay as they are.
 */
final class TrafficEventMapper {

    /** The 13 columns of an event, in the order {@link #bind} and {@link #appendCopyRow} write them. */
    static final String COLUMNS = "event_id, campaign_id, impression_id, type, role, city, query_hash, user_id,"
            + " anon_fp_hash, ip_hash, ua_hash, ts, extra_json";

    /** The count outcome of a billed click; an impression's is empty, a click's otherwise its reason. */
    static final String BILLED = "billed";

    private TrafficEventMapper() {
    }

    /** Binds the event's 13 columns as parameters 1 to 13 ({@code extra_json} as text, cast by the statement). */
    static void bind(PreparedStatement insert, TrafficEvent event) throws SQLException {
        insert.setString(1, event.eventId().value());
        insert.setString(2, event.campaignId().value());
        insert.setString(3, event.impressionId().value());
        insert.setString(4, event.type().code());
        insert.setString(5, event.role().map(RoleCode::value).orElse(null));
        insert.setString(6, event.city().value());
        insert.setString(7, event.queryHash());
        insert.setString(8, event.userId().map(UserId::value).orElse(null));
        insert.setString(9, event.anonFpHash().orElse(null));
        insert.setString(10, event.ipHash());
        insert.setString(11, event.uaHash());
        insert.setObject(12, Timestamps.toColumn(event.ts()));
        insert.setString(13, extraJson(event.detail()));
    }

    /**
     * One line of COPY's text format: tab-separated, {@code \N} for null. No value of an event needs the format's
     * backslash escapes, so each is appended whole: ids hold {@code [0-9A-Za-z_-]} after their prefix
     * ({@code IdPrefix}), codes {@code [a-z0-9_-]} ({@code CodeSyntax}), hashes lower-case hex ({@code TrafficEvent}
     * refuses anything else), and {@code extra_json} promo's own codes and numbers. {@code TrafficEventMapperTest}
     * holds those syntaxes to it. (Escaping character by character was a third of the impression writer's time.)
     */
    static void appendCopyRow(StringBuilder rows, TrafficEvent event) {
        rows.append(event.eventId().value()).append('\t');
        rows.append(event.campaignId().value()).append('\t');
        rows.append(event.impressionId().value()).append('\t');
        rows.append(event.type().code()).append('\t');
        orNull(rows, event.role().map(RoleCode::value).orElse(null)).append('\t');
        rows.append(event.city().value()).append('\t');
        rows.append(event.queryHash()).append('\t');
        orNull(rows, event.userId().map(UserId::value).orElse(null)).append('\t');
        orNull(rows, event.anonFpHash().orElse(null)).append('\t');
        rows.append(event.ipHash()).append('\t');
        rows.append(event.uaHash()).append('\t');
        appendTimestamp(rows, event.ts()).append('\t');
        rows.append(extraJson(event.detail())).append('\n');
    }

    private static StringBuilder orNull(StringBuilder rows, String value) {
        return value == null ? rows.append("\\N") : rows.append(value);
    }

    /**
     * {@code ts} in ISO 8601 at UTC ({@code 2026-12-04T21:52:21.123456789Z}): the instant {@link Instant#toString}
     * writes, the fraction always in nine digits when there is one (it writes three, six or nine), written without a {@code DateTimeFormatter}: formatting
     * each impression's instant through one was a tenth of the impression writer's time. Years outside 1–9999 (never
     * a served impression's) go through {@link Instant#toString}.
     */
    static StringBuilder appendTimestamp(StringBuilder rows, Instant ts) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(ts.getEpochSecond(), ts.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 1 || t.getYear() > 9999) {
            return rows.append(ts);
        }
        digits(rows, t.getYear(), 4).append('-');
        digits(rows, t.getMonthValue(), 2).append('-');
        digits(rows, t.getDayOfMonth(), 2).append('T');
        digits(rows, t.getHour(), 2).append(':');
        digits(rows, t.getMinute(), 2).append(':');
        digits(rows, t.getSecond(), 2);
        if (t.getNano() != 0) {
            digits(rows.append('.'), t.getNano(), 9);
        }
        return rows.append('Z');
    }

    /** {@code value} (not negative) in {@code width} digits, zeros in front. */
    private static StringBuilder digits(StringBuilder rows, int value, int width) {
        for (int unit = 1, i = 1; i < width; i++) {
            unit *= 10;
            if (value < unit) {
                rows.append('0');
            }
        }
        return rows.append(value);
    }

    /**
     * {@code extra_json}: an impression's {@code surface}, {@code position}, {@code cpc_cents} and {@code format}; a
     * click's {@code billed_cents} (and {@code bid_cents}, its campaign's maximum CPC at serve time, when billed;
     * {@code reason} when billed 0); an invalid click's {@code reason}. Every string
     * is an enum's code ({@code [a-z_]}) and every number a long, so nothing needs escaping.
     */
    static String extraJson(EventDetail detail) {
        if (detail instanceof EventDetail.Served served) {
            return "{\"surface\":\"" + served.surface().code() + "\",\"position\":" + served.position()
                    + ",\"cpc_cents\":" + served.cpc().cents() + ",\"format\":\"" + served.format().code() + "\"}";
        }
        if (detail instanceof EventDetail.Billed billed) {
            return "{\"billed_cents\":" + billed.amount().cents() + ",\"bid_cents\":" + billed.bid().cents() + "}";
        }
        if (detail instanceof EventDetail.NotBilled notBilled) {
            return "{\"billed_cents\":0,\"reason\":\"" + code(notBilled.reason()) + "\"}";
        }
        if (detail instanceof EventDetail.Invalid invalid) {
            return "{\"reason\":\"" + invalid.reason().code() + "\"}";
        }
        return "{}";
    }

    /** What the event is counted under in {@code promo_traffic_daily.outcome}. */
    static String outcome(EventDetail detail) {
        if (detail instanceof EventDetail.Billed) {
            return BILLED;
        }
        if (detail instanceof EventDetail.NotBilled notBilled) {
            return code(notBilled.reason());
        }
        if (detail instanceof EventDetail.Invalid invalid) {
            return invalid.reason().code();
        }
        return "";
    }

    /** What the event adds to its count's {@code savings_cents}: a billed click's bid minus its price, else 0. */
    static long savingsCents(EventDetail detail) {
        return detail instanceof EventDetail.Billed billed ? billed.savings().cents() : 0;
    }

    /** A not-billed reason as rows and answers spell it: its name in lower case ({@code daily_budget}). */
    static String code(NotBilledReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    static NotBilledReason notBilledReason(String outcome) {
        return NotBilledReason.valueOf(outcome.toUpperCase(Locale.ROOT));
    }

    static InvalidClickReason invalidReason(String outcome) {
        for (InvalidClickReason reason : InvalidClickReason.values()) {
            if (reason.code().equals(outcome)) {
                return reason;
            }
        }
        throw new IllegalStateException("promo_traffic_daily holds an invalid click of no known reason: " + outcome);
    }

    static boolean isImpression(String type) {
        return EventType.IMPRESSION.code().equals(type);
    }

    static boolean isClick(String type) {
        return EventType.CLICK.code().equals(type);
    }
}
