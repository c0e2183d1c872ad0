package io.promo.domain.traffic;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.advertiser.InMemoryAdvertiserRepository;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.campaign.InMemoryCampaignRepository;
import io.promo.domain.conversion.ConversionLog;
import io.promo.domain.conversion.ConversionReportSource;
import io.promo.domain.conversion.InMemoryConversionLog;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.InMemoryBudgetLedger;
import java.util.Objects;

/**
 * The traffic log's four ports, the conversion log's two (which read the clicks) and what they read (campaigns,
 * advertisers, the ledger), over one storage: the
 * in-memory fakes or the PostgreSQL adapters, so that the traffic tests and contract suites run on either.
 */
public record TrafficStores(AdvertiserRepository advertisers, CampaignRepository campaigns, BudgetLedger ledger,
        ImpressionLog impressions, ClickLog clicks, TrafficReportSource reports, CtrFeed ctrFeed,
        ConversionLog conversions, ConversionReportSource conversionReports) {

    public TrafficStores {
        Objects.requireNonNull(advertisers, "advertisers");
        Objects.requireNonNull(campaigns, "campaigns");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(impressions, "impressions");
        Objects.requireNonNull(clicks, "clicks");
        Objects.requireNonNull(reports, "reports");
        Objects.requireNonNull(ctrFeed, "ctrFeed");
        Objects.requireNonNull(conversions, "conversions");
        Objects.requireNonNull(conversionReports, "conversionReports");
    }

    /** Fresh fakes, budget days in UTC; one {@link InMemoryTrafficLog} behind the four traffic ports. */
    public static TrafficStores inMemory() {
        InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
        InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
        InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(campaigns, advertisers);
        InMemoryTrafficLog log = new InMemoryTrafficLog(campaigns, advertisers, ledger, BudgetCalendar.UTC);
        InMemoryConversionLog conversions = new InMemoryConversionLog(log, campaigns, ledger);
        return new TrafficStores(advertisers, campaigns, ledger, log, log, log, log, conversions, conversions);
    }
}
