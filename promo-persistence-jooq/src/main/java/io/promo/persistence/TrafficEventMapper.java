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

    /** One line of COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
    static void appendCopyRow(StringBuilder rows, TrafficEvent event) {
        copyField(rows, event.eventId().value()).append('\t');
        copyField(rows, event.campaignId().value()).append('\t');
        copyField(rows, event.impressionId().value()).append('\t');
        rows.append(event.type().code()).append('\t');
        copyField(rows, event.role().map(RoleCode::value).orElse(null)).append('\t');
        copyField(rows, event.city().value()).append('\t');
        copyField(rows, event.queryHash()).append('\t');
        copyField(rows, event.userId().map(UserId::value).orElse(null)).append('\t');
        copyField(rows, event.anonFpHash().orElse(null)).append('\t');
        copyField(rows, event.ipHash()).append('\t');
        copyField(rows, event.uaHash()).append('\t');
        rows.append(event.ts()).append('\t');
        copyField(rows, extraJson(event.detail())).append('\n');
    }

    private static StringBuilder copyField(StringBuilder rows, String value) {
        if (value == null) {
            return rows.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
        return rows;
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
