package io.promo.persistence;

import io.promo.domain.access.AdvertiserApiKeys;
import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.campaign.EntityOwners;
import io.promo.domain.conversion.ConversionLog;
import io.promo.domain.conversion.ConversionReportSource;
import io.promo.domain.funding.ProcessedPaymentEvents;
import io.promo.domain.funding.TopUpRequests;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.pricing.PolicyRepository;
import io.promo.domain.traffic.ClickLog;
import io.promo.domain.traffic.CtrFeed;
import io.promo.domain.traffic.ImpressionLog;
import io.promo.domain.serving.index.ServingChanges;
import io.promo.domain.serving.share.ImpressionShareLog;
import io.promo.domain.traffic.TrafficReportSource;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The PostgreSQL adapters of the domain's out ports, over one data source (pass a pooled one, see
 * {@link ConnectionPool}, for anything beyond a demo).
 */
public final class PostgresRepositories {

    private final AdvertiserRepository advertisers;
    private final CampaignRepository campaigns;
    private final PolicyRepository policies;
    private final BudgetLedger ledger;
    private final ProcessedPaymentEvents processedPaymentEvents;
    private final TopUpRequests topUpRequests;
    private final AdvertiserApiKeys apiKeys;
    private final ImpressionLog impressionLog;
    private final ClickLog clickLog;
    private final TrafficReportSource trafficReportSource;
    private final ImpressionShareLog impressionShareLog;
    private final CtrFeed ctrFeed;
    private final EntityOwners entityOwners;
    private final ConversionLog conversionLog;
    private final ConversionReportSource conversionReportSource;
    private final ServingChanges servingChanges;

    /**
     * @param budgetZone the zone of the budget day, which reconciling spend per day needs
     * @throws IllegalArgumentException when PostgreSQL does not read {@code budgetZone} as Java does (ADR 0018)
     */
    public PostgresRepositories(DataSource dataSource, ZoneId budgetZone) {
        BudgetZoneCheck.requireAgreement(dataSource, budgetZone, java.time.Instant.now());
        DSLContext db = DSL.using(dataSource, SQLDialect.POSTGRES, new Settings()
                // The schema is whatever the connection's search_path names, not a hard-coded "public".
                .withRenderSchema(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED));
        this.advertisers = new JooqAdvertiserRepository(db);
        this.campaigns = new JooqCampaignRepository(db);
        this.policies = new JooqPolicyRepository(db);
        this.ledger = new JooqBudgetLedger(dataSource, db, budgetZone);
        this.processedPaymentEvents = new JooqProcessedPaymentEvents(db);
        this.topUpRequests = new JooqTopUpRequests(db);
        this.apiKeys = new JooqAdvertiserApiKeys(db);
        this.impressionLog = new JdbcImpressionLog(dataSource, budgetZone);
        this.clickLog = new JdbcClickLog(dataSource, budgetZone);
        this.trafficReportSource = new JdbcTrafficReportSource(dataSource, budgetZone);
        this.impressionShareLog = new JdbcImpressionShareLog(dataSource);
        this.ctrFeed = new JdbcCtrFeed(dataSource);
        this.conversionLog = new JdbcConversionLog(dataSource);
        this.conversionReportSource = new JdbcConversionReportSource(dataSource);
        this.entityOwners = new JooqEntityOwners(db);
        this.servingChanges = new JdbcServingChanges(dataSource);
    }

    public AdvertiserRepository advertisers() {
        return advertisers;
    }

    public CampaignRepository campaigns() {
        return campaigns;
    }

    public PolicyRepository policies() {
        return policies;
    }

    public BudgetLedger ledger() {
        return ledger;
    }

    public ProcessedPaymentEvents processedPaymentEvents() {
        return processedPaymentEvents;
    }

    public TopUpRequests topUpRequests() {
        return topUpRequests;
    }

    public AdvertiserApiKeys apiKeys() {
        return apiKeys;
    }

    public ImpressionLog impressionLog() {
        return impressionLog;
    }

    public ClickLog clickLog() {
        return clickLog;
    }

    public TrafficReportSource trafficReportSource() {
        return trafficReportSource;
    }

    public ImpressionShareLog impressionShareLog() {
        return impressionShareLog;
    }

    /** What changed of what the serving index reads, on this data source (ADR 0038). */
    public ServingChanges servingChanges() {
        return servingChanges;
    }

    public CtrFeed ctrFeed() {
        return ctrFeed;
    }

    public EntityOwners entityOwners() {
        return entityOwners;
    }

    public ConversionLog conversionLog() {
        return conversionLog;
    }

    public ConversionReportSource conversionReportSource() {
        return conversionReportSource;
    }
}
