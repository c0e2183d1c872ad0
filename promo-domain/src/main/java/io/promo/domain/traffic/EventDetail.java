package io.promo.domain.traffic;

import io.promo.domain.campaign.Format;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import java.util.Objects;
import java.util.Optional;

/**
 * What an event says beyond its columns, by kind: where an impression was served, what a click was billed or why
 * not, why a click was invalid. The event type follows from it. The persistence adapter writes it as the seed's
 * {@code extra_json} (the keys are listed in docs/traffic.md); the domain never sees that JSON.
 */
public sealed interface EventDetail
        permits EventDetail.Served, EventDetail.Unclassified, EventDetail.Billed, EventDetail.NotBilled,
        EventDetail.Invalid {

    /** A click that passed the checks needing no lookup and is not classified yet: what the click log is handed. */
    EventDetail UNCLASSIFIED = new Unclassified();

    EventType type();

    /** What was billed: a billed click's amount, zero for anything else. */
    default Money billed() {
        return Money.ZERO;
    }

    /** An impression: the sponsored slot it filled. */
    record Served(Surface surface, int position, Money cpc, Format format) implements EventDetail {
        public Served {
            Objects.requireNonNull(surface, "surface");
            Objects.requireNonNull(cpc, "cpc");
            Objects.requireNonNull(format, "format");
            if (position < 1) {
                throw new IllegalArgumentException("positions count from 1: " + position);
            }
        }

        @Override
        public EventType type() {
            return EventType.IMPRESSION;
        }
    }

    /** See {@link #UNCLASSIFIED}. */
    record Unclassified() implements EventDetail {
        @Override
        public EventType type() {
            return EventType.CLICK;
        }
    }

    /**
     * A valid click, billed {@code amount} (the price signed at serve time) for a campaign that bid {@code bid} (its
     * maximum CPC then): {@code bid - amount} is what the second price saved the advertiser.
     */
    record Billed(Money amount, Money bid) implements EventDetail {
        public Billed {
            if (!Objects.requireNonNull(amount, "amount").isPositive()) {
                throw new IllegalArgumentException("a billed click costs something: " + amount);
            }
            if (Objects.requireNonNull(bid, "bid").isLessThan(amount)) {
                throw new IllegalArgumentException("a click pays at most its bid: paid " + amount + ", bid " + bid);
            }
        }

        /** A click whose bid is known only as its price (a token signed before tokens carried the bid). */
        public Billed(Money amount) {
            this(amount, amount);
        }

        /** What the click's bid exceeded its price by. */
        public Money savings() {
            return bid.minus(amount);
        }

        @Override
        public EventType type() {
            return EventType.CLICK;
        }

        @Override
        public Money billed() {
            return amount;
        }
    }

    /** A valid click the budget no longer covered: billed 0, for {@code reason}. */
    record NotBilled(NotBilledReason reason) implements EventDetail {
        public NotBilled {
            // An unbillable campaign or a repeated spend makes the click invalid instead (ClickPolicy).
            if (Objects.requireNonNull(reason, "reason") == NotBilledReason.CAMPAIGN_NOT_BILLABLE
                    || reason == NotBilledReason.DUPLICATE) {
                throw new IllegalArgumentException("a valid click is billed 0 only for money: " + reason);
            }
        }

        @Override
        public EventType type() {
            return EventType.CLICK;
        }
    }

    /** A click that broke an invalid-click rule, never billed. */
    record Invalid(InvalidClickReason reason) implements EventDetail {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public EventType type() {
            return EventType.INVALID_CLICK;
        }
    }

    /** The invalid-click reason, when this is an invalid click. */
    default Optional<InvalidClickReason> invalidReason() {
        return this instanceof Invalid invalid ? Optional.of(invalid.reason()) : Optional.empty();
    }

    /** The not-billed reason, when this is a valid click the budget did not cover. */
    default Optional<NotBilledReason> notBilledReason() {
        return this instanceof NotBilled notBilled ? Optional.of(notBilled.reason()) : Optional.empty();
    }
}
