package io.promo.domain.traffic;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fake of the traffic log's four ports for domain tests: one list of events (as PostgreSQL keeps one table) and one
 * lock that makes {@link #logClick} atomic; the click rules are {@link ClickPolicy}'s, as in the adapter. Counts are
 * computed from the events on demand. The contract suites ({@link ImpressionLogContract}, {@link ClickLogContract},
 * {@link TrafficReportSourceContract}, {@link CtrFeedContract}) keep it honest against the PostgreSQL adapters.
 */
public final class InMemoryTrafficLog implements ImpressionLog, ClickLog, TrafficReportSource, CtrFeed {

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
        Optional<InvalidClickReason> invalid = ClickPolicy.invalidReason(click, facts(click));
        ClickLogged logged = invalid.isPresent() ? ClickPolicy.invalid(event, invalid.get())
                : ClickPolicy.afterSpend(click, ledger.spend(click.spend(), click.budgetDay()));
        events.add(logged.event());
        return logged;
    }

    /** The facts {@link ClickPolicy} decides from, read under this log's lock. */
    private ClickFacts facts(ClickToLog click) {
        TrafficEvent event = click.event();
        Optional<ClickFacts.Payer> payer = campaigns.findById(event.campaignId()).flatMap(campaign ->
                advertisers.findById(campaign.advertiserId()).map(advertiser ->
                        new ClickFacts.Payer(campaign.status(), advertiser.status(), advertiser.userId())));
        boolean impressionClicked = events.stream().anyMatch(e -> e.type() == EventType.CLICK
                && e.impressionId().equals(event.impressionId()));
        boolean viewerClickedLately = event.viewerKey().isPresent() && events.stream().anyMatch(e -> e.type() == EventType.CLICK
                && e.campaignId().equals(event.campaignId()) && e.viewerKey().equals(event.viewerKey())
                && !e.ts().isBefore(click.repeatSince()));
        int ipClicks = (int) Math.min(click.ipBurst().limit(), events.stream().filter(e ->
                (e.type() == EventType.CLICK || e.type() == EventType.INVALID_CLICK) && e.ipHash().equals(event.ipHash())
                        && e.ts().isAfter(click.ipBurst().since())).count());
        return new ClickFacts(payer, impressionClicked, viewerClickedLately, ipClicks);
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
    public synchronized Map<EventId, Money> bidsOfBilledClicks(CampaignId campaignId, Collection<EventId> clicks) {
        Set<EventId> wanted = Set.copyOf(clicks);
        Map<EventId, Money> bids = new HashMap<>();
        for (TrafficEvent e : events) {
            if (e.campaignId().equals(campaignId) && wanted.contains(e.eventId())
                    && e.detail() instanceof EventDetail.Billed billed) {
                bids.put(e.eventId(), billed.bid());
            }
        }
        return bids;
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
            long savingsCents = 0;
            Map<NotBilledReason, Long> notBilled = new EnumMap<>(NotBilledReason.class);
            Map<InvalidClickReason, Long> invalid = new EnumMap<>(InvalidClickReason.class);
            for (TrafficEvent e : byDay.getOrDefault(day, List.of())) {
                switch (e.type()) {
                    case IMPRESSION -> impressions++;
                    case INVALID_CLICK -> invalid.merge(e.detail().invalidReason().orElseThrow(), 1L, Long::sum);
                    case CLICK -> {
                        if (e.billedCents() > 0) {
                            billed++;
                            savingsCents += ((EventDetail.Billed) e.detail()).savings().cents();
                            var credit = ledger.findByIdempotencyKey(
                                    new IdempotencyKey(IdempotencyKey.INVALID_CLICK_CREDIT, e.eventId().value()));
                            if (credit.isPresent()) {
                                credited++;
                                creditedCents += credit.get().amount().cents();
                            }
                        } else {
                            notBilled.merge(e.detail().notBilledReason().orElseThrow(), 1L, Long::sum);
                        }
                    }
                }
            }
            // The day counter is net of what the credits released (ADR 0016); a report shows what was billed.
            Money billedOnDay = ledger.state(campaignId, day).spentOnDay().plus(Money.ofCents(creditedCents));
            result.add(new DayTraffic(day, impressions, billed, notBilled, invalid, billedOnDay, credited,
                    Money.ofCents(creditedCents), Money.ofCents(savingsCents)));
        }
        return result;
    }

    @Override
    public synchronized Map<CampaignId, CtrCounts> countsSince(LocalDate firstDay) {
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
