package io.promo.domain.serving.index;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.pricing.PolicyRepository;
import io.promo.domain.serving.pacing.HourlyTrafficCurve;
import io.promo.domain.serving.pacing.PacingSettings;
import io.promo.domain.serving.pacing.TrafficCurve;
import io.promo.domain.serving.pacing.TrafficHistory;
import io.promo.domain.serving.pacing.TrafficScope;
import io.promo.domain.serving.ranking.CtrStatistics;
import io.promo.domain.shared.CampaignId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the {@link ServingIndex} fresh: rebuilds it from the repositories, the budget ledger, the CTR
 * statistics and the traffic history when it is older than {@link ServingSettings#refreshInterval()} or
 * from another budget day, and swaps it in atomically (a volatile reference; readers never lock).
 *
 * <p>{@link #indexAt} is on the decision path and never rebuilds an index that exists, however old: it answers the
 * last snapshot, whatever the database does (ADR 0013). Only the very first index is built by the caller that
 * finds none, so the app builds it with {@link #refresh()} before it serves. Freshness is the job of a background
 * thread that calls {@link #refreshIfStale()} a few times per interval; a change (a pause, a suspension, an
 * exhausted budget) is then visible within the interval plus one rebuild. A pause, end or suspension made on this
 * node is visible at once: its use case asks {@link #refreshAfterChange()} (through the {@code ServingSnapshot} port)
 * before it answers (ADR 0020).
 *
 * <p>Traffic curves are learned once per budget day, from the {@link PacingSettings#historyDays()} complete
 * days before it.
 */
public final class ServingIndexRefresher implements ServingIndexSource {

    private final CampaignRepository campaigns;
    private final AdvertiserRepository advertisers;
    private final PolicyRepository policies;
    private final BudgetLedger ledger;
    private final CtrStatistics ctr;
    private final TrafficHistory traffic;
    private final ServingSettings settings;
    private final Clock clock;
    private final ReentrantLock rebuilding = new ReentrantLock();
    /** How many rebuilds have begun; each one numbers itself with it. */
    private final AtomicLong rebuildsBegun = new AtomicLong();
    private volatile ServingIndex current;
    /** The number of the rebuild that built {@link #current}. */
    private long currentRebuild;
    private volatile CurvesOfDay curves;

    public ServingIndexRefresher(CampaignRepository campaigns, AdvertiserRepository advertisers, PolicyRepository policies,
            BudgetLedger ledger, CtrStatistics ctr, TrafficHistory traffic, ServingSettings settings, Clock clock) {
        this.campaigns = campaigns;
        this.advertisers = advertisers;
        this.policies = policies;
        this.ledger = ledger;
        this.ctr = ctr;
        this.traffic = traffic;
        this.settings = settings;
        this.clock = clock;
    }

    /** The current index, at once; only when none was ever built does this build it (and others wait for it). */
    @Override
    public ServingIndex indexAt(Instant now) {
        ServingIndex index = current;
        return index != null ? index : rebuildIfStale(now);
    }

    /**
     * For a background thread: rebuilds if the index is stale by the clock (waiting for a rebuild under way, which
     * usually leaves it fresh), and returns the current one.
     */
    public ServingIndex refreshIfStale() {
        Instant now = clock.instant();
        ServingIndex index = current;
        if (index != null && !index.isStaleAt(now, settings.refreshInterval())) {
            return index;
        }
        return rebuildIfStale(now);
    }

    private ServingIndex rebuildIfStale(Instant now) {
        rebuilding.lock();
        try {
            ServingIndex index = current;
            if (index == null || index.isStaleAt(now, settings.refreshInterval())) {
                index = rebuild(now);
            }
            return index;
        } finally {
            rebuilding.unlock();
        }
    }

    /** Rebuilds now, however fresh the index is (waits for a rebuild under way). */
    public ServingIndex refresh() {
        rebuilding.lock();
        try {
            return rebuild(clock.instant());
        } finally {
            rebuilding.unlock();
        }
    }

    /**
     * Rebuilds now unless a rebuild that began after this call has already finished, and returns once the index
     * holds everything committed before the call: for a use case whose change must count in this node's next
     * decision (ADR 0020). Many concurrent callers share rebuilds: each waits for at most the one under way and one
     * more. Throws when the rebuild fails (the database is down), like {@link #refresh()}.
     */
    public ServingIndex refreshAfterChange() {
        long begunBefore = rebuildsBegun.get();
        rebuilding.lock();
        try {
            ServingIndex index = current;
            if (index != null && currentRebuild > begunBefore) {
                return index;
            }
            return rebuild(clock.instant());
        } finally {
            rebuilding.unlock();
        }
    }

    /** The index in use, if one was built. */
    public Optional<ServingIndex> current() {
        return Optional.ofNullable(current);
    }

    private ServingIndex rebuild(Instant now) {
        long number = rebuildsBegun.incrementAndGet();
        LocalDate day = settings.calendar().dayOf(now);
        List<Campaign> allCampaigns = campaigns.findAll();
        List<CampaignId> ids = new ArrayList<>(allCampaigns.size());
        for (Campaign campaign : allCampaigns) {
            ids.add(campaign.id());
        }
        ServingData data = new ServingData(allCampaigns, advertisers.findAll(), policies.findAll(),
                ledger.states(ids, day), ctr.countsByCampaign(), curvesOf(day));
        ServingIndex built = ServingIndex.build(now, settings, data);
        currentRebuild = number;
        current = built;
        return built;
    }

    private Map<TrafficScope, TrafficCurve> curvesOf(LocalDate day) {
        CurvesOfDay known = curves;
        if (known != null && known.day.equals(day)) {
            return known.curves;
        }
        PacingSettings pacing = settings.pacing();
        Map<TrafficScope, TrafficCurve> learned = new HashMap<>();
        traffic.hourlySearches(day.minusDays(pacing.historyDays()), day.minusDays(1))
                .forEach((scope, counts) -> learned.put(scope, HourlyTrafficCurve.learn(counts, pacing)));
        curves = new CurvesOfDay(day, Map.copyOf(learned));
        return curves.curves;
    }

    private record CurvesOfDay(LocalDate day, Map<TrafficScope, TrafficCurve> curves) {
    }
}
