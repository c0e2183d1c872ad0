package io.promo.app.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.campaign.AdSchedule;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.FrequencyCap;
import io.promo.domain.campaign.KeywordTarget;
import io.promo.domain.campaign.Keywords;
import io.promo.domain.ledger.BudgetSummary;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.pricing.Policy;
import io.promo.domain.pricing.PricingMode;
import io.promo.domain.report.LedgerStatement;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.serving.diagnostics.Diagnosis;
import io.promo.domain.serving.engine.CheckResult;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.traffic.ServedPage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What the API answers, as records that {@link Json} writes in snake_case: the seed's column names, ids as
 * strings, money as integer {@code *_cents}, dates and instants in ISO-8601. Domain objects never reach
 * Jackson directly, so a renamed Java field cannot change the API.
 */
final class JsonViews {

    private JsonViews() {
    }

    record AdvertiserView(String advertiserId, String userId, String defaultPaymentId, String status,
            Instant createdAt, Instant updatedAt) {
        static AdvertiserView of(Advertiser a) {
            return new AdvertiserView(a.id().value(), a.userId().value(),
                    a.defaultPayment().map(PaymentReference::value).orElse(null), a.status().code(), a.createdAt(),
                    a.updatedAt());
        }
    }

    /** The answer to creating an advertiser: the only time its key is shown. */
    record CreatedAdvertiserView(String advertiserId, String userId, String defaultPaymentId, String status,
            Instant createdAt, Instant updatedAt, String apiKey) {
        static CreatedAdvertiserView of(Advertiser a, String apiKey) {
            AdvertiserView v = AdvertiserView.of(a);
            return new CreatedAdvertiserView(v.advertiserId(), v.userId(), v.defaultPaymentId(), v.status(),
                    v.createdAt(), v.updatedAt(), apiKey);
        }
    }

    record ApiKeyView(String advertiserId, String apiKey) {
    }

    /** @param pricingMode the policy's own, or null: the deployment's {@code PROMO_PRICING_MODE} */
    record PolicyView(String policyId, String surface, String role, String city, long cpcFloorCents,
            int maxDensityTop20, int maxAboveFold, String pricingMode, Instant updatedAt) {
        static PolicyView of(Policy p) {
            return new PolicyView(p.id().value(), p.scope().surface().code(),
                    p.scope().role().map(RoleCode::value).orElse(null), p.scope().city().value(),
                    p.limits().cpcFloor().cents(), p.limits().maxDensityTop20(), p.limits().maxAboveFold(),
                    p.pricingMode().map(PricingMode::code).orElse(null), p.updatedAt());
        }
    }

    record PoliciesView(List<PolicyView> policies) {
    }

    record CampaignView(String campaignId, String advertiserId, String targetEntityType, String targetEntityId,
            String name, String surface, String format, List<String> cityTargets, List<String> keywordTargets,
            List<KeywordTargetView> keywordTargetMatches,
            String status, LocalDate startDate, LocalDate endDate, long cpcCents, long dailyBudgetCents,
            Long totalBudgetCents, String pacingMode, Instant createdAt, Instant updatedAt,
            List<ScheduleWindowView> schedule, FrequencyCapView frequencyCap) {
        static CampaignView of(Campaign c) {
            CampaignSettings s = c.settings();
            return new CampaignView(c.id().value(), c.advertiserId().value(), c.target().type().code(), c.target().id(),
                    s.name(), c.surface().code(), s.format().code(), s.cityTargets().stream().map(CityCode::value).toList(),
                    s.keywordTargets(), Keywords.targets(s.keywordTargets()).stream().map(KeywordTargetView::of).toList(),
                    c.status().code(), s.startDate(), s.endDate().orElse(null), s.cpc().cents(),
                    s.dailyBudget().cents(), s.totalBudget().map(Money::cents).orElse(null), s.pacingMode().code(),
                    c.createdAt(), c.updatedAt(),
                    s.schedule().windows().stream().map(ScheduleWindowView::of).toList(),
                    s.frequencyCap().map(FrequencyCapView::of).orElse(null));
        }
    }

    /** One window of an ad schedule (ADR 0036): {@code []} when the campaign has none. */
    record ScheduleWindowView(List<String> days, int fromHour, int toHour) {
        static ScheduleWindowView of(AdSchedule.Window window) {
            return new ScheduleWindowView(window.orderedDays().stream().map(AdSchedule::dayCode).toList(),
                    window.fromHour(), window.toHour());
        }
    }

    /** A campaign's own frequency cap; null in a campaign's view when it runs under the deployment's default. */
    record FrequencyCapView(int impressions, int periodHours) {
        static FrequencyCapView of(FrequencyCap cap) {
            return new FrequencyCapView(cap.impressions(), cap.periodHours());
        }
    }

    record KeywordTargetView(String keyword, String matchType, boolean negative) {
        static KeywordTargetView of(KeywordTarget target) {
            return new KeywordTargetView(target.text(), target.match().code(), target.negative());
        }
    }

    record CampaignsView(List<CampaignView> campaigns) {
    }

    record BalanceView(String campaignId, LocalDate budgetDay, long balanceCents, long spentTodayCents,
            long spentTotalCents, long remainingDailyBudgetCents, Long remainingTotalBudgetCents,
            long remainingTodayCents) {
        static BalanceView of(String campaignId, BudgetSummary s) {
            return new BalanceView(campaignId, s.day(), s.balance().cents(), s.spentToday().cents(),
                    s.spentTotal().cents(), s.remainingDailyBudget().cents(),
                    s.remainingTotalBudget().map(Money::cents).orElse(null), s.remainingToday().cents());
        }
    }

    record LedgerEntryView(String entryId, String campaignId, String kind, long amountCents, String processor,
            String processorRef, String reason, Instant createdAt) {
        static LedgerEntryView of(LedgerEntry e) {
            return new LedgerEntryView(e.id().value(), e.campaignId().value(), e.kind().code(), e.amount().cents(),
                    e.idempotencyKey().source(), e.idempotencyKey().reference(), e.reason().orElse(null), e.createdAt());
        }
    }

    /**
     * An entry as the ledger's listing shows it: a click's spend carries {@code bid_cents}, the campaign's maximum
     * CPC when the click was served, beside {@code amount_cents}, what it paid; null for every other entry.
     */
    record LedgerLineView(String entryId, String campaignId, String kind, long amountCents, Long bidCents,
            String processor, String processorRef, String reason, Instant createdAt) {
        static LedgerLineView of(LedgerStatement.Line line) {
            LedgerEntryView e = LedgerEntryView.of(line.entry());
            return new LedgerLineView(e.entryId(), e.campaignId(), e.kind(), e.amountCents(),
                    line.bid().map(Money::cents).orElse(null), e.processor(), e.processorRef(), e.reason(), e.createdAt());
        }
    }

    /** A page of the ledger, newest first; {@code next_before} asks for the following page, null at the end. */
    record LedgerView(List<LedgerLineView> entries, String nextBefore) {
    }

    /** A top-up's outcome: {@code charged} (with its entry), {@code requires_action}, {@code pending}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TopUpView(String status, String processorRef, LedgerEntryView entry, String clientSecret) {
    }

    /** A credit or another funding entry, and whether this request wrote it or an earlier one did. */
    record FundingView(LedgerEntryView entry, boolean newlyWritten) {
    }

    record CheckView(String check, String verdict, String detail) {
        static CheckView of(CheckResult r) {
            return new CheckView(r.check().name(), r.verdict().name().toLowerCase(Locale.ROOT), r.detail());
        }
    }

    record DiagnosisView(String campaignId, Instant at, LocalDate budgetDay, String surface, String role, String city,
            String normalizedQuery, boolean shown, Integer position, String decidingReason, List<CheckView> checks) {
        static DiagnosisView of(Diagnosis d) {
            return new DiagnosisView(d.campaignId().value(), d.at(), d.budgetDay(), d.surface().code(),
                    d.role().map(RoleCode::value).orElse(null), d.city().value(), d.normalizedQuery(), d.shown(),
                    d.position().orElse(null), d.decidingReason().map(Enum::name).orElse(null),
                    d.checks().stream().map(CheckView::of).toList());
        }
    }

    /** One position of a decided page; the campaign fields are present on sponsored positions only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ResultView(int position, String entityId, boolean sponsored, String campaignId, String format,
            String impressionId, Long cpcCents, Long priceCents, String clickToken) {
        static ResultView of(PagePosition position, ServedPage served) {
            if (position instanceof PagePosition.Sponsored s) {
                return new ResultView(s.position(), s.entityId(), true, s.campaignId().value(), s.format().code(),
                        s.impressionId().value(), s.cpc().cents(), s.price().cents(), served.clickToken(s));
            }
            return new ResultView(position.position(), position.entityId(), false, null, null, null, null, null, null);
        }
    }

    record DecisionView(Instant servedAt, String surface, String role, String city, String queryHash,
            List<ResultView> results, String memoryToken) {
    }

    /**
     * {@code GET /health}: {@code status} ok, degraded (a part is down but promo takes money work) or unavailable
     * (the database is down: 503); {@code database} reachable or unreachable, as before {@code checks} existed;
     * {@code down} names the parts that are; {@code checks} has each part's figures.
     */
    record HealthView(String status, String database, List<String> down, ChecksView checks) {
        static HealthView of(Health health, DatabaseWork work) {
            List<String> down = new java.util.ArrayList<>();
            if (!health.database().up()) {
                down.add("database");
            }
            if (!health.servingIndex().fresh()) {
                down.add("serving_index");
            }
            if (health.impressionBuffer().failing()) {
                down.add("impression_buffer");
            }
            Health.Database db = health.database();
            Health.ServingIndex index = health.servingIndex();
            Health.ImpressionBuffer buffer = health.impressionBuffer();
            return new HealthView(!health.canTakeMoneyWork() ? "unavailable" : down.isEmpty() ? "ok" : "degraded",
                    db.up() ? "reachable" : "unreachable", List.copyOf(down), new ChecksView(
                    new DatabaseHealthView(db.up() ? "up" : "down", db.checkedAt(), db.problem().orElse(null),
                            new PoolView(db.active(), db.idle(), db.waiting(), db.max())),
                    new ServingIndexHealthView(index.builtAt().isEmpty() ? "missing" : index.fresh() ? "fresh" : "stale",
                            index.builtAt().orElse(null), index.builtAt().isEmpty() ? null : seconds(index.age()),
                            seconds(index.staleAfter())),
                    new ImpressionBufferHealthView(buffer.failing() ? "failing" : "ok", buffer.depth(), buffer.capacity(),
                            buffer.dropped(), buffer.lost()),
                    new DatabaseRequestsView(work.inFlight(), work.limit())));
        }

        private static double seconds(java.time.Duration duration) {
            return duration.toMillis() / 1_000.0;
        }
    }

    record ChecksView(DatabaseHealthView database, ServingIndexHealthView servingIndex,
            ImpressionBufferHealthView impressionBuffer, DatabaseRequestsView databaseRequests) {
    }

    record DatabaseHealthView(String status, Instant checkedAt, String problem, PoolView pool) {
    }

    record PoolView(int active, int idle, int waiting, int max) {
    }

    record ServingIndexHealthView(String status, Instant builtAt, Double ageSeconds, double staleAfterSeconds) {
    }

    record ImpressionBufferHealthView(String status, long depth, long capacity, long dropped, long lost) {
    }

    record DatabaseRequestsView(int inFlight, int limit) {
    }
}
