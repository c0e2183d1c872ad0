package io.promo.domain.traffic;

import io.promo.domain.shared.EventId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a click ({@code {event_id, type, billed_cents, reason}}).
 *
 * @param type        {@code click} or {@code invalid_click}
 * @param billedCents what the click cost the advertiser: its cpc when billed, else 0
 * @param reason      why it was not billed: an {@link InvalidClickReason} code, or for a valid click the
 *                    {@code NotBilledReason} in lower case; empty for a billed click
 */
public record ClickResult(EventId eventId, EventType type, long billedCents, Optional<String> reason) {

    public ClickResult {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
    }

    static ClickResult of(ClickLogged logged) {
        TrafficEvent event = logged.event();
        Optional<String> reason = logged instanceof ClickLogged.NotBilled notBilled
                ? Optional.of(notBilled.reason().name().toLowerCase(Locale.ROOT))
                : logged instanceof ClickLogged.Invalid invalid ? Optional.of(invalid.reason().code()) : Optional.empty();
        return new ClickResult(event.eventId(), event.type(), event.billedCents(), reason);
    }

    public boolean billed() {
        return billedCents > 0;
    }
}
