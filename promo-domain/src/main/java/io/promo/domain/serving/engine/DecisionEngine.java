package io.promo.domain.serving.engine;

import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.pricing.PricingMode;
import io.promo.domain.serving.index.CitySlice;
import io.promo.domain.serving.index.EntityTable;
import io.promo.domain.serving.index.ServingCampaign;
import io.promo.domain.serving.index.ServingIndex;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.index.SlotLayout;
import io.promo.domain.serving.share.ImpressionShareCounter;
import io.promo.domain.serving.share.ShareTally;
import io.promo.domain.serving.ranking.ClearingPrice;
import io.promo.domain.shared.Surface;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Candidates, eligibility, ranking and placement for one search (docs/design.md "Serve"). The decision and its
 * diagnosis both run {@link #decide}; a diagnosis only adds a {@link DiagnosisTrace} that listens.
 *
 * <p>Cost: one index lookup per organic match and, per candidate (a campaign of a matched entity), one comparison
 * of its score with the worst of the best {@value Scratch#BEST} kept so far; only a placement that looks at more
 * candidates than that puts the rest in a heap by rank. A candidate's campaign is read and its
 * {@link Eligibility} evaluated only when the placement comes to it (see {@link Scratch}).
 * Nothing is allocated per candidate; the working arrays belong to the calling thread and are reused.
 *
 * <p>Ranking: higher {@code cpc × predicted CTR} first; campaigns tied on it are ordered by a hash of
 * (campaign id, the decision's rotation seed), which changes with the time, viewer and query of every
 * search, so tied campaigns take turns fairly, and identically when a decision is replayed.
 *
 * <p>Placement, with the surface's {@link SlotLayout} and the resolved policy:
 * <ol>
 *   <li>above the fold, positions 1, 2, … up to {@code min(max_above_fold, fold)}: the best-ranked featured
 *       campaigns, one per position, while there are any;</li>
 *   <li>below the fold: the best-ranked remaining campaigns of either format, as many as
 *       {@code max_density_top20} minus those above still allows and the layout has positions on the page,
 *       taking the first positions of the layout's below-fold order, best-ranked at the lowest position;</li>
 *   <li>never two campaigns for one entity; a promoted entity leaves its organic position; the other
 *       positions take the organic matches in their order.</li>
 * </ol>
 *
 * <p>Pricing ({@link PricingMode#SECOND_PRICE}, when the search's policy or else the deployment says so): each placed
 * campaign pays the {@link ClearingPrice} against its competitor, the first candidate after it in rank order that
 * could have taken its position ({@link Scratch#competitor};
 * docs/adr/0029-generalized-second-price-with-the-floor-as-reserve.md). Finding it reads on from where the placement
 * stopped, so it usually evaluates one or two more candidates.
 */
public final class DecisionEngine {

    private final ServingSettings settings;
    /** Per surface (by ordinal), the below-fold positions in the order they are used. */
    private final int[][] belowFoldOrder;
    private final ThreadLocal<Scratch> scratches = ThreadLocal.withInitial(Scratch::new);
    /** Where decisions count every candidate's auction ({@link AuctionCounting}), or null: a diagnosis never counts. */
    private final ImpressionShareCounter shares;

    public DecisionEngine(ServingSettings settings) {
        this(settings, null);
    }

    public DecisionEngine(ServingSettings settings, ImpressionShareCounter shares) {
        this.settings = settings;
        this.shares = shares;
        this.belowFoldOrder = new int[Surface.values().length][];
        for (Surface surface : Surface.values()) {
            belowFoldOrder[surface.ordinal()] = settings.layout(surface).belowFoldOrder().stream()
                    .mapToInt(Integer::intValue).toArray();
        }
    }

    ServingSettings settings() {
        return settings;
    }

    /**
     * Places sponsored results for {@code request} as of {@code now}. The result belongs to the calling
     * thread's scratch and is valid until its next call.
     */
    public Placement decide(ServingIndex index, Search request, Instant now, DiagnosisTrace trace) {
        Scratch scratch = scratches.get();
        Surface surface = request.surface();
        CitySlice slice = index.slice(surface, request.city());
        SearchContext search = scratch.search;
        search.reset(index, request, now, settings, slice);
        List<String> organic = request.organicMatches();
        int organicCount = organic.size();
        Placement placement = scratch.placement;
        placement.reset(Math.min(request.pageSize(), organicCount), search);

        SlotLayout layout = settings.layout(surface);
        PolicyLimits limits = search.policy.limits();
        int top = Math.min(placement.length, Placement.TOP);
        int aboveCap = Math.min(Math.min(limits.maxAboveFold(), layout.foldSize()), top);
        int[] below = belowFoldOrder[surface.ordinal()];
        int belowOnPage = 0;
        for (int position : below) {
            if (position <= top) {
                belowOnPage++;
            }
        }
        int densityCap = limits.maxDensityTop20();

        scratch.clearCandidates();
        boolean counting = shares != null && trace == null;
        if (slice != null && (counting || densityCap > 0 && aboveCap + belowOnPage > 0)) {
            // Two passes instead of one: the decision is bound by cache misses, and tight loops of independent
            // loads let the CPU wait for many misses at once instead of one after another.
            EntityTable table = slice.byEntity;
            scratch.table = table;
            int[] foundSlot = scratch.foundSlot;
            int[] foundAt = scratch.foundAt;
            int hits = 0;
            for (int i = 0; i < organicCount; i++) {
                int slot = table.find(organic.get(i));
                if (slot >= 0) {
                    foundSlot[hits] = slot;
                    foundAt[hits++] = i;
                }
            }
            for (int k = 0; k < hits; k++) {
                int slot = foundSlot[k];
                if (table.hasSeveral(slot)) {
                    for (ServingCampaign campaign : table.several(slot)) {
                        scratch.addCandidate(campaign, slot, foundAt[k], campaign.score, campaign.featured);
                    }
                } else {
                    scratch.addCandidate(null, slot, foundAt[k], table.score(slot), table.featured(slot));
                }
            }
        }

        // The candidates in rank order: above the fold the best featured ones; below it the best of the rest, the
        // campaigns passed over above for not being featured first (they rank above everything not yet looked at).
        int[] passedOver = scratch.passedOver;
        int passedOverCount = 0;
        int placedAbove = 0;
        while (placedAbove < aboveCap) {
            int next = scratch.nextRanked();
            if (next < 0) {
                break;
            }
            if (!scratch.featured[next]) {
                passedOver[passedOverCount++] = next;
            } else if (scratch.mayTake(next, placement, organic, search, trace)) {
                scratch.promote(next, placement, Scratch.ABOVE);
                placement.place(scratch.campaign(next), scratch.organicIndex[next], ++placedAbove);
                scratch.placedAt[placedAbove] = next;
            }
        }
        int belowSlots = Math.min(densityCap - placedAbove, belowOnPage);
        int chosen = 0;
        int reconsidered = 0;
        while (chosen < belowSlots) {
            int next = reconsidered < passedOverCount ? passedOver[reconsidered++] : scratch.nextRanked();
            if (next < 0) {
                break;
            }
            if (scratch.mayTake(next, placement, organic, search, trace)) {
                scratch.promote(next, placement, Scratch.BELOW);
                scratch.chosen[chosen++] = next;
            }
        }
        int[] positions = scratch.positions;
        int used = 0;
        for (int i = 0; i < below.length && used < chosen; i++) {
            if (below[i] <= top) {
                positions[used++] = below[i];
            }
        }
        Arrays.sort(positions, 0, used);
        for (int j = 0; j < used; j++) {
            int candidate = scratch.chosen[j];
            placement.place(scratch.campaign(candidate), scratch.organicIndex[candidate], positions[j]);
            scratch.placedAt[positions[j]] = candidate;
        }
        for (int j = 1; j <= placedAbove; j++) {
            placement.price(j, price(scratch, scratch.placedAt[j], true, organic, search, trace));
        }
        for (int j = 0; j < used; j++) {
            placement.price(positions[j], price(scratch, scratch.placedAt[positions[j]], false, organic, search, trace));
        }

        if (counting && scratch.count > 0) {
            AuctionCounting.count(scratch, shares, organic, placedAbove == aboveCap, chosen, Math.max(0, belowSlots));
        }
        if (trace != null) {
            explainPlacement(trace, scratch.tracedInLoop, search, placement, organic, Math.min(densityCap,
                    (trace.campaign.featured ? aboveCap : 0) + belowOnPage), densityCap, aboveCap);
            Explanations.advertiserSlots(trace, placement, search);
        }
        return placement;
    }

    private int price(Scratch scratch, int placed, boolean aboveFold, List<String> organic, SearchContext search,
            DiagnosisTrace trace) {
        ServingCampaign campaign = scratch.campaign(placed);
        if (!search.secondPrice) {
            return campaign.cpc;
        }
        int competitor = scratch.competitor(placed, aboveFold, organic, search, trace);
        return competitor < 0 ? ClearingPrice.alone(campaign.cpc, search.floorCents)
                : ClearingPrice.against(campaign.cpc, campaign.predictedCtr, scratch.score[competitor],
                        search.floorCents);
    }

    /** True when candidate a ranks above candidate b: higher score, then the rotation, then the campaign id. */
    static boolean ranksAbove(ServingCampaign a, long rotationA, ServingCampaign b, long rotationB) {
        if (a.score != b.score) {
            return a.score > b.score;
        }
        if (rotationA != rotationB) {
            return rotationA > rotationB;
        }
        return a.id.value().compareTo(b.id.value()) < 0;
    }

    private static void explainPlacement(DiagnosisTrace trace, boolean tracedInLoop, SearchContext search,
            Placement placement, List<String> organic, int capacity, int densityCap, int aboveCap) {
        ServingCampaign campaign = trace.campaign;
        if (!tracedInLoop) {
            // Not evaluated by the placement (another city, an ended campaign, an entity the search did not match,
            // a page without sponsored slots, or ranked below the last campaign the placement needed to look at):
            // the same rules still say whether it was eligible.
            trace.eligible(Eligibility.evaluate(campaign, search, trace));
        }
        int organicIndex = organic.indexOf(campaign.targetEntityId);
        trace.placement(Check.NOT_IN_ORGANIC, organicIndex >= 0 ? CheckResult.Verdict.PASS : CheckResult.Verdict.FAIL,
                organicIndex >= 0 ? campaign.targetEntityId + " is organic match " + (organicIndex + 1) + " of " + organic.size()
                        : campaign.targetEntityId + " is not among the " + organic.size() + " organic matches");
        if (organicIndex < 0 || !trace.isEligible()) {
            String why = organicIndex < 0 ? "not a candidate: its entity was not matched" : "not eligible";
            trace.placement(Check.DENSITY, CheckResult.Verdict.SKIPPED, why);
            trace.placement(Check.OUTRANKED, CheckResult.Verdict.SKIPPED, why);
            return;
        }
        String limits = "max_density_top20 " + densityCap + ", max_above_fold "
                + search.policy.limits().maxAboveFold() + " (" + Explanations.policySource(search) + "), "
                + placement.length + " results on the page";
        if (capacity == 0) {
            trace.placement(Check.DENSITY, CheckResult.Verdict.FAIL, "no sponsored position a " + campaign.format.code()
                    + " campaign may take on this page: " + limits);
            trace.placement(Check.OUTRANKED, CheckResult.Verdict.SKIPPED, "no position to compete for");
            return;
        }
        int position = placement.positionOf(campaign);
        if (position > 0) {
            trace.placement(Check.DENSITY, CheckResult.Verdict.PASS, capacity + " position(s) open to a "
                    + campaign.format.code() + " campaign: " + limits);
            trace.placement(Check.OUTRANKED, CheckResult.Verdict.PASS, "placed at position " + position
                    + (position <= aboveCap ? " (above the fold)" : "") + " with score " + score(campaign));
            return;
        }
        if (trace.wasAdvertiserFull()) {
            trace.placement(Check.DENSITY, CheckResult.Verdict.PASS, capacity + " position(s) open to a "
                    + campaign.format.code() + " campaign: " + limits);
            trace.placement(Check.OUTRANKED, CheckResult.Verdict.PASS, "its rank reached an open position");
            return;
        }
        long rotation = search.rotation(campaign);
        if (placement.isPromoted(organicIndex)) {
            int rival = positionOfEntity(placement, organicIndex);
            trace.placement(Check.DENSITY, CheckResult.Verdict.PASS, capacity + " position(s) open to a "
                    + campaign.format.code() + " campaign: " + limits);
            ServingCampaign winner = placement.campaignAt(rival);
            trace.placement(Check.OUTRANKED, CheckResult.Verdict.FAIL, (trace.mayName(winner)
                    ? "campaign " + winner.id + " promotes the same entity, ranks higher (score " + score(winner)
                            + " vs " + score(campaign) + ")"
                    : "another advertiser's campaign promotes the same entity and ranks higher than score "
                            + score(campaign)) + " and took position " + rival + "; one campaign per entity per page");
            return;
        }
        StringBuilder placed = new StringBuilder();
        boolean ranksAboveAPlacedOne = false;
        for (int p = 1; p <= Placement.TOP; p++) {
            ServingCampaign other = placement.campaignAt(p);
            if (other != null) {
                ranksAboveAPlacedOne |= ranksAbove(campaign, rotation, other, search.rotation(other));
                placed.append(placed.length() == 0 ? "" : ", ");
                if (trace.mayName(other)) {
                    placed.append(other.id).append(" (").append(other.format.code()).append(", score ")
                            .append(score(other)).append(")");
                } else {
                    placed.append("another advertiser's campaign");
                }
                placed.append(" at ").append(p);
            }
        }
        if (ranksAboveAPlacedOne) {
            trace.placement(Check.DENSITY, CheckResult.Verdict.FAIL, "it ranks above a placed result, but the fold and"
                    + " density rules left no position a " + campaign.format.code() + " campaign may take: " + limits
                    + "; placed: " + placed);
            trace.placement(Check.OUTRANKED, CheckResult.Verdict.SKIPPED, "lost to the density rules, not on rank");
            return;
        }
        trace.placement(Check.DENSITY, CheckResult.Verdict.PASS, capacity + " position(s) open to a "
                + campaign.format.code() + " campaign: " + limits);
        trace.placement(Check.OUTRANKED, CheckResult.Verdict.FAIL, "score " + score(campaign)
                + " (cpc × predicted CTR); the positions it could take went to higher-ranked campaigns: " + placed
                + bidToWin(campaign, placement, search, aboveCap));
    }

    /**
     * "Bid to win": the least cpc that would have outranked the lowest-ranked sponsored result among the positions
     * the campaign could take (any for a featured campaign, below the fold for another), at least the floor. The
     * result it would have displaced is not named: it may be another advertiser's.
     */
    private static String bidToWin(ServingCampaign campaign, Placement placement, SearchContext search, int aboveCap) {
        double ctr = campaign.details.predictedCtr();
        double lowest = Double.POSITIVE_INFINITY;
        for (int p = campaign.featured ? 1 : aboveCap + 1; p <= Placement.TOP; p++) {
            ServingCampaign other = placement.campaignAt(p);
            if (other != null) {
                lowest = Math.min(lowest, other.score);
            }
        }
        if (!(ctr > 0) || lowest == Double.POSITIVE_INFINITY) {
            return "";
        }
        long bid = Math.max(search.floorCents, ClearingPrice.leastBidAbove(lowest, ctr, Integer.MAX_VALUE));
        return "; bid to win: a cpc of " + bid + "¢ would have outranked the last sponsored result this page showed";
    }

    private static int positionOfEntity(Placement placement, int organicIndex) {
        for (int p = 1; p <= Placement.TOP; p++) {
            if (placement.campaignAt(p) != null && placement.organicIndexAt(p) == organicIndex) {
                return p;
            }
        }
        throw new IllegalStateException("promoted entity without a position");
    }

    private static String score(ServingCampaign campaign) {
        return String.format(java.util.Locale.ROOT, "%.4f¢", campaign.score);
    }

    /**
     * A thread's working memory for decisions, grown on demand and never shrunk: the candidates of one decision,
     * every campaign of every organic match found in the slice, handed out in rank order from the copies of their
     * score and format that the {@link EntityTable} keeps. A candidate's campaign is read, and its eligibility
     * evaluated, only when the placement comes to it in that order: a search usually reads a handful of its
     * hundred or so candidates, and the page is the same as if all had been evaluated first, since eligibility
     * depends on the campaign and the search only.
     *
     * <p>The placement takes at most {@code max_density_top20} candidates, plus those it passes over (ineligible,
     * not featured above the fold, a second campaign of an entity), so the best {@link #BEST} are kept in a small
     * sorted array while the candidates are added: most candidates cost one comparison of scores with the worst of
     * them. A placement (or its pricing, which reads on to the last placed campaign's competitor) that wants more
     * than {@link #BEST} gets the next {@link #BEST} the same way, up to {@link #REFILLS} times, and only beyond those
     * a heap of the others ({@link #nextRanked}). Ranking uses this scratch's {@link #search}, which the decision
     * resets first.
     */
    static final class Scratch {
        /**
         * Enough for 3 positions and the candidates passed over on the way: in DecisionBenchmark's searches the
         * placement takes at most 8 in 88–93 % of them. 5 and 16 measured slower.
         */
        static final int BEST = 8;
        /**
         * How many times the next {@link #BEST} are picked the same way before a heap takes the rest. A pick is one
         * pass over the candidates, most of them turned away by one comparison; building the heap cost more than
         * one (the above-the-fold position's competitor, which must be featured, reads past sixteen in about 7 % of
         * decisions), and three bound the passes of a search that reads far down its ranking.
         */
        static final int REFILLS = 3;
        static final byte UNKNOWN = 0;
        static final byte ELIGIBLE = 1;
        static final byte INELIGIBLE = 2;
        static final byte ABOVE = 1;
        static final byte BELOW = 2;

        final SearchContext search = new SearchContext();
        final Placement placement = new Placement();
        EntityTable table;
        /** The candidate's campaign, or null until it is read from its {@link #slot} of the table. */
        ServingCampaign[] campaigns = new ServingCampaign[256];
        int[] slot = new int[256];
        int[] organicIndex = new int[256];
        double[] score = new double[256];
        boolean[] featured = new boolean[256];
        long[] rotation = new long[256];
        boolean[] rotated = new boolean[256];
        /** Whether the candidate is in {@link #best}; the heap takes the others. */
        boolean[] inBest = new boolean[256];
        /** Per candidate, how far the placement took it: {@link AuctionCounting}'s UNREACHED, HANDED_OUT, …. */
        byte[] reached = new byte[256];
        /** The tally this thread's decisions count into (ADR 0031), replaced when the index or the hour changes. */
        ShareTally tally;
        /**
         * This thread's impression-share sampling: its allowance time, the decisions made since it last counted, when it
         * last counted and when its allowance last refused it a decision.
         */
        long shareAllowedAt;
        long decisionsSinceCounted;
        long shareCountedAt;
        long shareRefusedAt;
        /** The best candidates added so far, best first ({@link #bestCount} of them). */
        final int[] best = new int[BEST];
        /** The scores of {@link #best}, beside them: inserting compares scores without reading them through the index. */
        final double[] bestScores = new double[BEST];
        int bestCount;
        /**
         * Once {@link #best} is full, its worst candidate's score: a candidate scoring below it cannot enter, which
         * most candidates are told by this one comparison (their ranking against the worst needs it only on a tie).
         * The same as the last of {@link #bestScores}, kept apart: reading that element instead measured 2 % slower.
         */
        double worstBestScore;
        /** How many of {@link #best} have been handed out. */
        int bestTaken;
        /** Whether {@link #heap} holds the candidates not in {@link #best} (built once all of those are taken). */
        boolean heapBuilt;
        /** How many times {@link #best} was filled again with the next candidates ({@link #refillBest}). */
        int refills;
        /** A binary max-heap by rank of the candidates below the best ones, not yet handed out. */
        int[] heap = new int[256];
        int heapSize;
        /** The candidates the above-the-fold pass left for not being featured, in rank order. */
        int[] passedOver = new int[256];
        final int[] chosen = new int[Placement.TOP];
        /** By position, the placed candidate. */
        final int[] placedAt = new int[Placement.TOP + 1];
        /** By organic index, the candidate placed for that entity (meaningful where the placement promoted it). */
        final int[] holder = new int[Search.MAX_ORGANIC_MATCHES];
        /** The candidates handed out so far, in rank order ({@link #rankedCount} of them), and each one's index there. */
        int[] ranked = new int[256];
        int rankedCount;
        int[] rankAt = new int[256];
        /** Per candidate: {@link #UNKNOWN}, {@link #ELIGIBLE} or {@link #INELIGIBLE} once evaluated. */
        byte[] verdict = new byte[256];
        /** Per candidate: 0, or the band it was placed in ({@link #ABOVE} or {@link #BELOW}). */
        byte[] band = new byte[256];
        final int[] foundSlot = new int[Search.MAX_ORGANIC_MATCHES];
        final int[] foundAt = new int[Search.MAX_ORGANIC_MATCHES];
        final int[] positions = new int[Placement.TOP];
        int count;
        /** Whether this decision's placement evaluated the traced campaign. */
        boolean tracedInLoop;

        void clearCandidates() {
            // The per-candidate arrays are not cleared: addCandidate writes every one of a candidate's fields.
            count = 0;
            bestCount = 0;
            bestTaken = 0;
            rankedCount = 0;
            heapBuilt = false;
            refills = 0;
            heapSize = 0;
            table = null;
            tracedInLoop = false;
        }

        void addCandidate(ServingCampaign campaign, int tableSlot, int organic, double candidateScore,
                boolean candidateFeatured) {
            if (count == campaigns.length) {
                int grown = count * 2;
                campaigns = Arrays.copyOf(campaigns, grown);
                slot = Arrays.copyOf(slot, grown);
                organicIndex = Arrays.copyOf(organicIndex, grown);
                score = Arrays.copyOf(score, grown);
                featured = Arrays.copyOf(featured, grown);
                rotation = Arrays.copyOf(rotation, grown);
                rotated = Arrays.copyOf(rotated, grown);
                inBest = Arrays.copyOf(inBest, grown);
                reached = Arrays.copyOf(reached, grown);
                verdict = Arrays.copyOf(verdict, grown);
                band = Arrays.copyOf(band, grown);
                ranked = Arrays.copyOf(ranked, grown);
                rankAt = Arrays.copyOf(rankAt, grown);
                heap = new int[grown];
                passedOver = new int[grown];
            }
            int k = count++;
            campaigns[k] = campaign;
            slot[k] = tableSlot;
            organicIndex[k] = organic;
            score[k] = candidateScore;
            featured[k] = candidateFeatured;
            rotated[k] = false;
            inBest[k] = false;
            reached[k] = AuctionCounting.UNREACHED;
            if (mayEnterBest(candidateScore)) {
                keepIfAmongBest(k);
            }
        }

        /**
         * Whether a candidate scoring {@code s} may enter {@link #best}: there is room, or it does not score below
         * the worst of them (a tie is for its rank to settle). Most candidates are turned away here, by one comparison.
         */
        private boolean mayEnterBest(double s) {
            return bestCount < BEST || s >= worstBestScore;
        }

        /**
         * Inserts candidate k, which {@link #mayEnterBest}, into {@link #best} if it ranks above the worst of them,
         * which then drops out.
         */
        private void keepIfAmongBest(int k) {
            double s = score[k];
            if (bestCount == BEST) {
                int worst = best[BEST - 1];
                if (s == worstBestScore && !ranksAbove(k, worst)) {
                    return;
                }
                inBest[worst] = false;
                bestCount--;
            }
            int at = bestCount;
            while (at > 0 && (s > bestScores[at - 1] || s == bestScores[at - 1] && ranksAbove(k, best[at - 1]))) {
                best[at] = best[at - 1];
                bestScores[at] = bestScores[at - 1];
                at--;
            }
            best[at] = k;
            bestScores[at] = s;
            inBest[k] = true;
            if (++bestCount == BEST) {
                worstBestScore = bestScores[BEST - 1];
            }
        }

        /**
         * The best-ranked candidate not yet handed out, or -1: the best ones first, then up to {@link #REFILLS} times
         * the next {@link #BEST} of the others, chosen as the first were (one comparison per candidate: the pricing of
         * the last placed campaign often reads a little past the first ones, and a heap of all the others would cost
         * it more), then, from a heap of the rest built on the first call that needs it, the rest. Candidates are added
         * before the first call.
         */
        int nextRanked() {
            int next;
            if (bestTaken == bestCount && bestCount == BEST && refills < REFILLS) {
                refillBest();
            }
            if (bestTaken < bestCount) {
                next = best[bestTaken++];
            } else {
                if (!heapBuilt) {
                    buildHeap();
                }
                if (heapSize == 0) {
                    return -1;
                }
                next = heap[0];
                heap[0] = heap[--heapSize];
                siftDown(0);
            }
            // Only a candidate handed out is ever placed or evaluated: its verdict and band start here, not per candidate.
            reached[next] = AuctionCounting.HANDED_OUT;
            verdict[next] = UNKNOWN;
            band[next] = 0;
            rankAt[next] = rankedCount;
            ranked[rankedCount++] = next;
            return next;
        }

        /** Fills {@link #best} with the best of the candidates never in it; those handed out stay marked as in it. */
        private void refillBest() {
            refills++;
            bestCount = 0;
            bestTaken = 0;
            for (int k = 0; k < count; k++) {
                if (!inBest[k] && mayEnterBest(score[k])) {
                    keepIfAmongBest(k);
                }
            }
        }

        private void buildHeap() {
            heapBuilt = true;
            heapSize = 0;
            for (int k = 0; k < count; k++) {
                if (!inBest[k]) {
                    heap[heapSize++] = k;
                }
            }
            for (int i = heapSize / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }

        private void siftDown(int at) {
            int i = at;
            while (true) {
                int child = 2 * i + 1;
                if (child >= heapSize) {
                    return;
                }
                if (child + 1 < heapSize && ranksAbove(heap[child + 1], heap[child])) {
                    child++;
                }
                if (!ranksAbove(heap[child], heap[i])) {
                    return;
                }
                int swap = heap[i];
                heap[i] = heap[child];
                heap[child] = swap;
                i = child;
            }
        }

        ServingCampaign campaign(int k) {
            ServingCampaign campaign = campaigns[k];
            if (campaign == null) {
                campaign = table.one(slot[k]);
                campaigns[k] = campaign;
            }
            return campaign;
        }

        private long rotation(int k) {
            if (!rotated[k]) {
                rotation[k] = search.rotation(campaign(k));
                rotated[k] = true;
            }
            return rotation[k];
        }

        /** {@link DecisionEngine#ranksAbove} for candidates k and j; the campaigns are read only on a tie of scores. */
        boolean ranksAbove(int k, int j) {
            if (score[k] != score[j]) {
                return score[k] > score[j];
            }
            long rotationK = rotation(k);
            long rotationJ = rotation(j);
            if (rotationK != rotationJ) {
                return rotationK > rotationJ;
            }
            return campaign(k).id.value().compareTo(campaign(j).id.value()) < 0;
        }

        /**
         * Whether candidate k may have a position: its entity is not promoted yet (one campaign per entity), it is
         * eligible, and it is not an {@link EntityTable} stray (a campaign whose entity id differs from the organic
         * match it was found under, through colliding hash codes). Called at most once per candidate.
         */
        boolean mayTake(int k, Placement placement, List<String> organic, SearchContext search, DiagnosisTrace trace) {
            if (placement.isPromoted(organicIndex[k])) {
                return false;
            }
            if (!eligible(k, organic, search, trace)) {
                reached[k] = AuctionCounting.INELIGIBLE;
                return false;
            }
            // Eligible but its advertiser's share of the page is taken: handed out, not placed (a page cap).
            boolean room = placement.advertiserHasRoom(campaign(k), trace);
            reached[k] = room ? AuctionCounting.PLACED : AuctionCounting.HANDED_OUT;
            return room;
        }

        /** Eligible and not an {@link EntityTable} stray; evaluated once per candidate and decision. */
        private boolean eligible(int k, List<String> organic, SearchContext search, DiagnosisTrace trace) {
            if (verdict[k] == UNKNOWN) {
                ServingCampaign campaign = campaign(k);
                boolean eligible = evaluate(campaign, search, trace) && EntityTable.isFor(campaign, organic.get(organicIndex[k]));
                verdict[k] = eligible ? ELIGIBLE : INELIGIBLE;
            }
            return verdict[k] == ELIGIBLE;
        }

        void promote(int k, Placement placement, byte placedIn) {
            placement.promote(organicIndex[k], campaign(k));
            holder[organicIndex[k]] = k;
            band[k] = placedIn;
        }

        /**
         * The competitor of placed candidate k: the first candidate after it in rank order that could have taken its
         * position had k bid less. It could take an above-fold position if it is featured, a below-fold one if the
         * placement did not put it above the fold; it is eligible; its advertiser is not k's; and its entity is not
         * held by another placed campaign that would still keep it (one placed above the fold, for an above-fold
         * position; any, for a below-fold one), k and itself excepted; and, not placed itself, its advertiser has not
         * taken all the positions competitive separation allows it. Reads on past the placement's last candidate
         * when it must. -1 when there is none.
         */
        int competitor(int k, boolean aboveFold, List<String> organic, SearchContext search, DiagnosisTrace trace) {
            ServingCampaign placed = campaign(k);
            for (int r = rankAt[k] + 1; ; r++) {
                if (r == rankedCount && nextRanked() < 0) {
                    return -1;
                }
                int d = ranked[r];
                if (aboveFold ? !featured[d] : band[d] == ABOVE) {
                    continue;
                }
                int entity = organicIndex[d];
                if (placement.isPromoted(entity)) {
                    int h = holder[entity];
                    if (h != k && h != d && (!aboveFold || band[h] == ABOVE)) {
                        continue;
                    }
                }
                if (!eligible(d, organic, search, trace) || campaign(d).sameAdvertiser(placed)) {
                    continue;
                }
                // Not placed, and its advertiser already holds every position it may take on the page: it could
                // not have taken this one either (competitive separation).
                if (band[d] == 0 && placement.advertiserIsFull(campaign(d))) {
                    continue;
                }
                return d;
            }
        }

        private boolean evaluate(ServingCampaign campaign, SearchContext search, DiagnosisTrace trace) {
            // A campaign can come up twice only through colliding entity ids (see EntityTable); it is traced once.
            DiagnosisTrace listening = trace != null && trace.campaign == campaign && !trace.evaluated() ? trace : null;
            boolean eligible = Eligibility.evaluate(campaign, search, listening);
            if (listening != null) {
                listening.eligible(eligible);
                tracedInLoop = true;
            }
            return eligible;
        }
    }
}
