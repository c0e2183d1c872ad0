package io.promo.domain.traffic;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.ledger.Billability;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.ledger.SpendOutcome;
import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fake for domain tests: a list of events and one lock that makes {@link #logClick} atomic. Counts are computed
 * from the events on demand. {@link TrafficLogContract} keeps it honest against the PostgreSQL adapter.
 */
public final class InMemoryTrafficLog implements TrafficLog {

    private final CampaignRepository campaigns;
    private final AdvertiserRepository advertisers;
    private final BudgetLedger ledger;
    private final BudgetCalendar calendar;
    private final List<TrafficEvent> events = new ArrayList<>();

    public InMemoryTrafficLog(CampaignRepository campaigns, AdvertiserRepository advertisers, BudgetLedger ledger,
            BudgetCalendar calendar) {
        this.campaigns = campaigns;
        this.advertisers = advertisers;
        this.ledger = ledger;
        this.calendar = calendar;
    }

    public synchronized List<TrafficEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public synchronized void appendImpressions(List<TrafficEvent> impressions) {
        for (TrafficEvent impression : impressions) {
            if (impression.type() != EventType.IMPRESSION) {
                throw new IllegalArgumentException("not an impression: " + impression);
            }
        }
        events.addAll(impressions);
    }

    @Override
    public synchronized boolean containsEvent(EventId eventId) {
        return events.stream().anyMatch(e -> e.eventId().equals(eventId));
    }

    @Override
    public synchronized void appendInvalidClick(TrafficEvent invalidClick) {
        if (invalidClick.type() != EventType.INVALID_CLICK) {
            throw new IllegalArgumentException("not an invalid click: " + invalidClick);
        }
        events.add(invalidClick);
    }

    @Override
    public synchronized ClickLogged logClick(ClickToLog click) {
        TrafficEvent event = click.event();
        Optional<Campaign> campaign = campaigns.findById(event.campaignId());
        Optional<Advertiser> advertiser = campaign.flatMap(c -> advertisers.findById(c.advertiserId()));
        if (campaign.isEmpty() || advertiser.isEmpty()
                || !Billability.isBillable(campaign.get().status(), advertiser.get().status())) {
            return invalid(event, InvalidClickReason.CAMPAIGN_NOT_BILLABLE);
        }
        if (event.userId().filter(advertiser.get().userId()::equals).isPresent()) {
            return invalid(event, InvalidClickReason.SELF_CLICK);
        }
        boolean clickedBefore = events.stream().anyMatch(e -> e.type() == EventType.CLICK
                && e.impressionId().equals(event.impressionId()));
        if (clickedBefore) {
            return invalid(event, InvalidClickReason.DUPLICATE_IMPRESSION);
        }
        boolean repeated = event.viewerKey().isPresent() && events.stream().anyMatch(e -> e.type() == EventType.CLICK
                && e.campaignId().equals(event.campaignId()) && e.viewerKey().equals(event.viewerKey())
                && !e.ts().isBefore(click.repeatSince()));
        if (repeated) {
            return invalid(event, InvalidClickReason.REPEATED_VIEWER);
        }
        SpendOutcome outcome = ledger.spend(click.spend(), click.budgetDay());
        if (outcome instanceof SpendOutcome.Billed billed) {
            TrafficEvent logged = event.withExtra(Map.of(TrafficEvent.BILLED_CENTS, billed.entry().amount().cents()));
            events.add(logged);
            return new ClickLogged.Billed(logged, billed.entry());
        }
        NotBilledReason reason = ((SpendOutcome.NotBilled) outcome).reason();
        if (reason == NotBilledReason.CAMPAIGN_NOT_BILLABLE) {
            return invalid(event, InvalidClickReason.CAMPAIGN_NOT_BILLABLE);
        }
        if (reason == NotBilledReason.DUPLICATE) {
            return invalid(event, InvalidClickReason.DUPLICATE_IMPRESSION);
        }
        TrafficEvent logged = event.withExtra(Map.of(TrafficEvent.BILLED_CENTS, 0L,
                TrafficEvent.REASON, reason.name().toLowerCase(Locale.ROOT)));
        events.add(logged);
        return new ClickLogged.NotBilled(logged, reason);
    }

    private ClickLogged invalid(TrafficEvent click, InvalidClickReason reason) {
        TrafficEvent logged = click.asInvalid(reason);
        events.add(logged);
        return new ClickLogged.Invalid(logged, reason);
    }

    @Override
    public synchronized List<BilledClick> billedClicks(CampaignId campaignId, Instant from, Instant to) {
        return events.stream()
                .filter(e -> e.type() == EventType.CLICK && e.campaignId().equals(campaignId) && e.billedCents() > 0
                        && !e.ts().isBefore(from) && e.ts().isBefore(to))
                .sorted(java.util.Comparator.comparing(TrafficEvent::ts))
                .map(e -> new BilledClick(e.eventId(), Money.ofCents(e.billedCents()), e.ts()))
                .toList();
    }

    @Override
    public synchronized List<DayTraffic> daily(CampaignId campaignId, LocalDate from, LocalDate to) {
        TreeSet<LocalDate> days = new TreeSet<>();
        Map<LocalDate, List<TrafficEvent>> byDay = new HashMap<>();
        for (TrafficEvent e : events) {
            LocalDate day = calendar.dayOf(e.ts());
            if (e.campaignId().equals(campaignId) && !day.isBefore(from) && !day.isAfter(to)) {
                byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(e);
                days.add(day);
            }
        }
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (ledger.state(campaignId, day).spentOnDay().isPositive()) {
                days.add(day);
            }
        }
        List<DayTraffic> result = new ArrayList<>();
        for (LocalDate day : days) {
            long impressions = 0;
            long billed = 0;
            long credited = 0;
            long creditedCents = 0;
            Map<String, Long> notBilled = new TreeMap<>();
            Map<String, Long> invalid = new TreeMap<>();
            for (TrafficEvent e : byDay.getOrDefault(day, List.of())) {
                switch (e.type()) {
                    case IMPRESSION -> impressions++;
                    case INVALID_CLICK -> invalid.merge(e.reason().orElseThrow(), 1L, Long::sum);
                    case CLICK -> {
                        if (e.billedCents() > 0) {
                            billed++;
                            var credit = ledger.findByIdempotencyKey(
                                    new IdempotencyKey(IdempotencyKey.INVALID_CLICK_CREDIT, e.eventId().value()));
                            if (credit.isPresent()) {
                                credited++;
                                creditedCents += credit.get().amount().cents();
                            }
                        } else {
                            notBilled.merge(e.reason().orElseThrow(), 1L, Long::sum);
                        }
                    }
                }
            }
            // The day counter is net of what the credits released (ADR 0016); a report shows what was billed.
            Money billedOnDay = ledger.state(campaignId, day).spentOnDay().plus(Money.ofCents(creditedCents));
            result.add(new DayTraffic(day, impressions, billed, notBilled, invalid, billedOnDay, credited,
                    Money.ofCents(creditedCents)));
        }
        return result;
    }

    @Override
    public synchronized Map<CampaignId, CtrCounts> ctrCountsSince(LocalDate firstDay) {
        Map<CampaignId, long[]> counts = new HashMap<>();
        for (TrafficEvent e : events) {
            if (calendar.dayOf(e.ts()).isBefore(firstDay) || e.type() == EventType.INVALID_CLICK) {
                continue;
            }
            long[] c = counts.computeIfAbsent(e.campaignId(), id -> new long[2]);
            c[e.type() == EventType.IMPRESSION ? 0 : 1]++;
        }
        Map<CampaignId, CtrCounts> result = new HashMap<>();
        counts.forEach((id, c) -> result.put(id, new CtrCounts(c[0], c[1])));
        return result;
    }
}
