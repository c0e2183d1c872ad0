package io.promo.domain.conversion;

import io.promo.domain.ledger.BudgetCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The attribution rule, once (ADR 0035): the conversion log loads the candidate clicks under its lock and asks this;
 * the in-memory fake asks it too.
 *
 * <ul>
 *   <li>By click id: that click earns the conversion when it was billed, is not credited, and the conversion came
 *       within the click window after it. A conversion dated before its click is refused; an id that names no click
 *       is recorded as {@link UnattributedReason#UNKNOWN_CLICK}.</li>
 *   <li>By viewer and entity: the last click by that viewer on a campaign promoting that entity, among those that
 *       were billed, are not credited and lie in {@code [occurredAt - window, occurredAt + skew]}; ties in time go to the
 *       greater click id (ids are time-ordered). Two campaigns on one entity: the one whose click was last.</li>
 *   <li>View-through (crediting an impression without a click) is not done.</li>
 * </ul>
 * Clocks differ: the marketplace dates a conversion by its clock, promo a click by its own. A conversion dated up to
 * {@link ConversionSettings#CLOCK_SKEW} before a click is taken as at that click, not before it.
 */
public final class AttributionPolicy {

    private static final Comparator<CandidateClick> LAST = Comparator.comparing(CandidateClick::clickedAt)
            .thenComparing(click -> click.clickId().value());

    private final Duration window;
    private final BudgetCalendar calendar;

    public AttributionPolicy(Duration window, BudgetCalendar calendar) {
        this.window = Objects.requireNonNull(window, "window");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    public Duration window() {
        return window;
    }

    /** The earliest click time a conversion at {@code occurredAt} can be credited to: what the adapters load from. */
    public Instant windowStart(Instant occurredAt) {
        return occurredAt.minus(window);
    }

    /** The latest click time a conversion at {@code occurredAt} can be credited to (the clocks' skew allowed). */
    public Instant windowEnd(Instant occurredAt) {
        return occurredAt.plus(ConversionSettings.CLOCK_SKEW);
    }

    /**
     * @param candidates for a {@link ConversionSubject.Click}: that click if it was logged (any type), else none; for
     *                   a {@link ConversionSubject.ViewerOnEntity}: that viewer's clicks on campaigns of that entity,
     *                   at least those from {@link #windowStart} to {@link #windowEnd} (others are ignored)
     */
    public AttributionDecision decide(ConversionSubject subject, Instant occurredAt, List<CandidateClick> candidates) {
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (subject instanceof ConversionSubject.Click byId) {
            Optional<CandidateClick> click = candidates.stream()
                    .filter(candidate -> candidate.clickId().equals(byId.clickId())).findFirst();
            if (click.isEmpty()) {
                return new Attribution.Unattributed(UnattributedReason.UNKNOWN_CLICK);
            }
            CandidateClick found = click.get();
            if (windowEnd(occurredAt).isBefore(found.clickedAt())) {
                return new AttributionDecision.BeforeClick(found.clickedAt());
            }
            if (!found.billed()) {
                return new Attribution.Unattributed(UnattributedReason.CLICK_NOT_BILLED);
            }
            if (found.credited()) {
                return new Attribution.Unattributed(UnattributedReason.CLICK_CREDITED);
            }
            if (found.clickedAt().isBefore(windowStart(occurredAt))) {
                return new Attribution.Unattributed(UnattributedReason.OUTSIDE_WINDOW);
            }
            return attributed(found);
        }
        Instant start = windowStart(occurredAt);
        Instant end = windowEnd(occurredAt);
        return candidates.stream()
                .filter(CandidateClick::earns)
                .filter(click -> !click.clickedAt().isAfter(end) && !click.clickedAt().isBefore(start))
                .max(LAST)
                .<Attribution>map(this::attributed)
                .orElse(new Attribution.Unattributed(UnattributedReason.NO_CLICK));
    }

    private Attribution attributed(CandidateClick click) {
        return new Attribution.Attributed(click.clickId(), click.campaignId(), click.clickedAt(),
                calendar.dayOf(click.clickedAt()));
    }
}
