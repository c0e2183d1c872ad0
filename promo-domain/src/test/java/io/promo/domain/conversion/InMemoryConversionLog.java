package io.promo.domain.conversion;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.traffic.EventType;
import io.promo.domain.traffic.InMemoryTrafficLog;
import io.promo.domain.traffic.TrafficEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fake of the conversion ports for domain tests: one map of conversions under one lock, the candidate clicks read
 * from an {@link InMemoryTrafficLog}, "billed" and "credited" from the ledger as the adapter reads them, and the
 * decision {@link AttributionPolicy}'s. Counts are computed from the conversions on demand.
 * {@link ConversionLogContract} keeps it honest against PostgreSQL.
 */
public final class InMemoryConversionLog implements ConversionLog, ConversionReportSource {

    private final InMemoryTrafficLog traffic;
    private final CampaignRepository campaigns;
    private final BudgetLedger ledger;
    private final Map<ConversionId, Conversion> conversions = new LinkedHashMap<>();

    public InMemoryConversionLog(InMemoryTrafficLog traffic, CampaignRepository campaigns, BudgetLedger ledger) {
        this.traffic = traffic;
        this.campaigns = campaigns;
        this.ledger = ledger;
    }

    public synchronized List<Conversion> conversions() {
        return List.copyOf(conversions.values());
    }

    @Override
    public synchronized ConversionLogged record(ConversionToRecord conversion, AttributionPolicy policy) {
        Conversion stored = conversions.get(conversion.id());
        if (stored != null) {
            return new ConversionLogged.AlreadyRecorded(stored);
        }
        AttributionDecision decision = policy.decide(conversion.subject(), conversion.occurredAt(), candidates(conversion));
        if (decision instanceof AttributionDecision.BeforeClick before) {
            return new ConversionLogged.BeforeClick(before.clickedAt());
        }
        Conversion recorded = conversion.attributed((Attribution) decision);
        conversions.put(recorded.id(), recorded);
        return new ConversionLogged.Recorded(recorded);
    }

    private List<CandidateClick> candidates(ConversionToRecord conversion) {
        List<CandidateClick> candidates = new ArrayList<>();
        for (TrafficEvent event : traffic.events()) {
            if (event.type() == EventType.IMPRESSION || !matches(conversion.subject(), event)) {
                continue;
            }
            String id = event.eventId().value();
            candidates.add(new CandidateClick(event.eventId(), event.campaignId(), event.ts(),
                    ledger.findByIdempotencyKey(new IdempotencyKey(IdempotencyKey.CLICK, id)).isPresent(),
                    ledger.findByIdempotencyKey(new IdempotencyKey(IdempotencyKey.INVALID_CLICK_CREDIT, id)).isPresent()));
        }
        return candidates;
    }

    private boolean matches(ConversionSubject subject, TrafficEvent event) {
        if (subject instanceof ConversionSubject.Click byId) {
            return event.eventId().equals(byId.clickId());
        }
        ConversionSubject.ViewerOnEntity viewer = (ConversionSubject.ViewerOnEntity) subject;
        if (event.type() != EventType.CLICK || !event.viewerKey().equals(Optional.of(viewer.viewerKey()))) {
            return false;
        }
        return campaigns.findById(event.campaignId()).map(Campaign::target).map(viewer.entity()::equals).orElse(false);
    }

    @Override
    public synchronized List<DayConversions> daily(CampaignId campaignId, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<ConversionType, DayConversions.TypeTotals>> days = new TreeMap<>();
        for (Conversion conversion : conversions.values()) {
            if (!(conversion.attribution() instanceof Attribution.Attributed attributed)
                    || !attributed.campaignId().equals(campaignId)
                    || attributed.clickDay().isBefore(from) || attributed.clickDay().isAfter(to)
                    || ledger.findByIdempotencyKey(new IdempotencyKey(IdempotencyKey.INVALID_CLICK_CREDIT,
                            attributed.clickId().value())).isPresent()) {
                continue;
            }
            days.computeIfAbsent(attributed.clickDay(), day -> new HashMap<>()).merge(conversion.type(),
                    new DayConversions.TypeTotals(1, conversion.value().orElse(Money.ZERO)),
                    DayConversions.TypeTotals::plus);
        }
        return days.entrySet().stream().map(day -> new DayConversions(day.getKey(), day.getValue())).toList();
    }
}
