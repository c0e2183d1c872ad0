package io.promo.domain.serving.index;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.pricing.Policy;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.pricing.PolicyRepository;
import io.promo.domain.serving.pacing.HourlyTrafficCurve;
import io.promo.domain.serving.pacing.PacingSettings;
import io.promo.domain.serving.pacing.TrafficCurve;
import io.promo.domain.serving.pacing.TrafficHistory;
import io.promo.domain.serving.pacing.TrafficScope;
import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.serving.ranking.CtrStatistics;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 *
 * <p>Given a {@link ServingChanges} and a full-rebuild interval (ADR 0038), a refresh reads only the rows changed since
 * the last one: nothing changed, the index is restamped; budget states, statuses (the advertisers' too), budgets,
 * dates or pacing changed, the index is patched (a map copy and the touched slices' entries); a new campaign, a
 * change of cpc, cities, keywords or entity, an end or a policy, the index is rebuilt in memory from the kept rows
 * with the changed ones in place. Every {@code fullRebuildInterval}, on a new budget day
 * and on {@link #rebuildFully()} it is rebuilt from every row, and only then are the CTR counts read again.
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
    /** Null: every refresh is a full rebuild from the repositories (the behaviour before ADR 0038). */
    private final ServingChanges changes;
    private final Duration fullRebuildInterval;
    /** What the current index was built from, and where its changes were read up to; guarded by {@link #rebuilding}. */
    private Basis basis;
    private final AtomicLong fullRebuilds = new AtomicLong();
    private final AtomicLong incrementalRefreshes = new AtomicLong();

    /** Every refresh a full rebuild from the repositories. */
    public ServingIndexRefresher(CampaignRepository campaigns, AdvertiserRepository advertisers, PolicyRepository policies,
            BudgetLedger ledger, CtrStatistics ctr, TrafficHistory traffic, ServingSettings settings, Clock clock) {
        this(campaigns, advertisers, policies, ledger, ctr, traffic, settings, clock, null, Duration.ZERO);
    }

    /**
     * Refreshes by reading what changed since the last refresh from {@code changes} (ADR 0038), and rebuilds fully
     * from them at least every {@code fullRebuildInterval}, on a new budget day, and when the adapter answers
     * everything; {@code fullRebuildInterval} zero: every refresh a full rebuild from the repositories, as before.
     * {@code changes} must read where the repositories read (the same {@code DataSource}).
     */
    public ServingIndexRefresher(CampaignRepository campaigns, AdvertiserRepository advertisers, PolicyRepository policies,
            BudgetLedger ledger, CtrStatistics ctr, TrafficHistory traffic, ServingSettings settings, Clock clock,
            ServingChanges changes, Duration fullRebuildInterval) {
        if (fullRebuildInterval.isNegative()) {
            throw new IllegalArgumentException("fullRebuildInterval must not be negative: " + fullRebuildInterval);
        }
        this.changes = fullRebuildInterval.isZero() ? null : java.util.Objects.requireNonNull(changes, "changes");
        this.fullRebuildInterval = fullRebuildInterval;
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

    /**
     * Refreshes now, however fresh the index is (waits for a refresh under way): from the changes since the last one
     * when a {@link ServingChanges} is given (ADR 0038), else from every row. Either way the index then holds
     * everything committed before the call.
     */
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

    /** How many refreshes rebuilt the index from every row. */
    public long fullRebuilds() {
        return fullRebuilds.get();
    }

    /** How many refreshes read only the changes. */
    public long incrementalRefreshes() {
        return incrementalRefreshes.get();
    }

    /** Rebuilds from every row now, whatever changed (waits for a rebuild under way): the safety net, on demand. */
    public ServingIndex rebuildFully() {
        rebuilding.lock();
        try {
            basis = null;
            return rebuild(clock.instant());
        } finally {
            rebuilding.unlock();
        }
    }

    private ServingIndex rebuild(Instant now) {
        if (changes == null) {
            return rebuildFromRepositories(now);
        }
        long number = rebuildsBegun.incrementAndGet();
        LocalDate day = settings.calendar().dayOf(now);
        Basis known = basis;
        ServingIndex index = current;
        boolean full = known == null || index == null || !known.day.equals(day)
                || !now.isBefore(known.fullAt.plus(fullRebuildInterval)) || now.isBefore(known.fullAt);
        ServingChangeSet changed = changes.changesSince(full ? ChangeCursor.ORIGIN : known.cursor, day);
        ServingIndex built;
        if (full || changed.complete()) {
            Basis fresh = new Basis(day, now, changed.next(), ctr.countsByCampaign());
            fresh.apply(changed);
            built = ServingIndex.build(now, settings, fresh.data(curvesOf(day)));
            basis = fresh;
            fullRebuilds.incrementAndGet();
        } else {
            try {
                built = known.applyAndPatch(changed, index, now, this);
            } catch (RuntimeException e) {
                basis = null; // the basis may hold changes the index does not: start again from every row
                throw e;
            }
            incrementalRefreshes.incrementAndGet();
        }
        currentRebuild = number;
        current = built;
        return built;
    }

    private ServingIndex rebuildFromRepositories(Instant now) {
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
        fullRebuilds.incrementAndGet();
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

    /**
     * The rows the current index was built from, kept to apply changes to: campaigns in the order first read, each
     * advertiser's status, the policies by scope, the budget states of the basis' day, the CTR counts of the last full
     * rebuild.
     */
    private static final class Basis {

        final LocalDate day;
        final Instant fullAt;
        ChangeCursor cursor;
        final Map<CampaignId, CtrCounts> ctr;
        final Map<CampaignId, Campaign> campaigns = new LinkedHashMap<>();
        final Map<AdvertiserId, Advertiser> advertisers = new LinkedHashMap<>();
        final Map<PolicyScope, Policy> policies = new LinkedHashMap<>();
        final Map<CampaignId, BudgetState> budgets = new HashMap<>();

        Basis(LocalDate day, Instant fullAt, ChangeCursor cursor, Map<CampaignId, CtrCounts> ctr) {
            this.day = day;
            this.fullAt = fullAt;
            this.cursor = cursor;
            this.ctr = ctr;
        }

        void apply(ServingChangeSet changed) {
            for (Campaign campaign : changed.campaigns()) {
                campaigns.put(campaign.id(), campaign);
            }
            for (Advertiser advertiser : changed.advertisers()) {
                advertisers.put(advertiser.id(), advertiser);
            }
            for (Policy policy : changed.policies()) {
                policies.put(policy.scope(), policy);
            }
            budgets.putAll(changed.budgets());
            cursor = changed.next();
        }

        ServingData data(Map<TrafficScope, TrafficCurve> curves) {
            return new ServingData(new ArrayList<>(campaigns.values()), new ArrayList<>(advertisers.values()),
                    new ArrayList<>(policies.values()), budgets, ctr, curves);
        }

        /**
         * Applies {@code changed} and answers the index that reflects it: {@code index} restamped when nothing the
         * index holds changed; patched when every changed campaign keeps its place (budget states, statuses, budgets,
         * dates, pacing: {@link ServingCampaign#successor}); else rebuilt from the basis in memory (a new campaign, a
         * change of cpc, cities, keywords or entity, an end, a policy), still without reading the unchanged rows.
         */
        ServingIndex applyAndPatch(ServingChangeSet changed, ServingIndex index, Instant now, ServingIndexRefresher owner) {
            boolean rebuild = false;
            java.util.Set<CampaignId> touched = new java.util.HashSet<>();
            for (Campaign campaign : changed.campaigns()) {
                Campaign known = campaigns.get(campaign.id());
                if (known == null || !samePlace(known, campaign)) {
                    rebuild = true;
                } else if (!campaign.equals(known) || !changed.budgets().get(campaign.id()).equals(budgets.get(campaign.id()))) {
                    touched.add(campaign.id());
                }
            }
            java.util.Set<AdvertiserId> advertisersTouched = new java.util.HashSet<>();
            for (Advertiser advertiser : changed.advertisers()) {
                Advertiser known = advertisers.get(advertiser.id());
                if (known == null || known.status() != advertiser.status()) {
                    advertisersTouched.add(advertiser.id());
                }
            }
            for (Policy policy : changed.policies()) {
                if (!policy.equals(policies.get(policy.scope()))) {
                    rebuild = true;
                }
            }
            apply(changed);
            if (rebuild) {
                return ServingIndex.build(now, owner.settings, data(owner.curvesOf(day)));
            }
            if (!advertisersTouched.isEmpty()) {
                for (Campaign campaign : campaigns.values()) {
                    if (advertisersTouched.contains(campaign.advertiserId())) {
                        touched.add(campaign.id());
                    }
                }
            }
            Map<CampaignId, ServingCampaign> replacements = new HashMap<>();
            for (CampaignId id : touched) {
                Campaign campaign = campaigns.get(id);
                Advertiser advertiser = advertisers.get(campaign.advertiserId());
                ServingCampaign present = index.campaign(id).orElseThrow();
                replacements.put(id, present.successor(campaign, advertiser == null ? null : advertiser.status(),
                        budgets.getOrDefault(id, BudgetState.empty(day))));
            }
            return index.patched(now, replacements);
        }

        /**
         * Whether {@code after} keeps {@code before}'s place in an index: the same surface, entity, format, cities,
         * keywords and cpc (so the same keyword programs, city numbers and score), the same schedule and frequency cap
         * of its own, and an end neither made nor undone.
         */
        private static boolean samePlace(Campaign before, Campaign after) {
            return before.surface() == after.surface() && before.target().equals(after.target())
                    && before.advertiserId().equals(after.advertiserId())
                    && before.settings().format() == after.settings().format()
                    && before.settings().cityTargets().equals(after.settings().cityTargets())
                    && before.settings().keywordTargets().equals(after.settings().keywordTargets())
                    && before.settings().cpc().equals(after.settings().cpc())
                    // The schedule's masks (in its cities' zones), the effective cap and its keyed hash are made at
                    // build, where the zones and the codec are.
                    && before.settings().schedule().equals(after.settings().schedule())
                    && before.settings().frequencyCap().equals(after.settings().frequencyCap())
                    && (before.status() == io.promo.domain.campaign.CampaignStatus.ENDED)
                            == (after.status() == io.promo.domain.campaign.CampaignStatus.ENDED);
        }
    }
}
