package io.promo.domain.serving.engine;

import io.promo.domain.serving.index.EntityTable;
import io.promo.domain.serving.index.ServingCampaign;
import io.promo.domain.serving.share.ImpressionShareCounter;
import io.promo.domain.serving.share.LostReason;
import io.promo.domain.serving.share.ShareTally;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counts one decision's auctions for impression share (ADR 0031): every candidate (a campaign of the slice whose
 * entity the search matched and whose keywords, if any, the query matches) once, as shown or under the first
 * {@link LostReason} it lost to, in the reasons' order.
 *
 * <p>The placement evaluates candidates lazily, in rank order, and stops when the page is full, so most candidates
 * were never evaluated. Their reason is decided here with the same {@link Eligibility} rules, in reason order; one
 * that passes them all was eligible and ranked below everything the placement looked at. What the placement did
 * learn is reused: a candidate it placed is shown, one it found ineligible is only asked which rule failed first.
 * An eligible candidate not shown lost to {@link LostReason#RANK} when every position its format may take on the page
 * was filled by campaigns ranked above it, and to {@link LostReason#PAGE_CAPS} otherwise.
 */
final class AuctionCounting {

    /** Not handed out by the ranking: ranks below every candidate the placement looked at. */
    static final byte UNREACHED = 0;
    /** Handed out, eligibility not evaluated (its entity was already placed, or the page filled first). */
    static final byte HANDED_OUT = 1;
    static final byte INELIGIBLE = 2;
    static final byte PLACED = 3;
    /** An {@link EntityTable} stray: not a campaign of the matched entity, so no candidate. */
    static final byte STRAY = 4;

    /** What {@link #firstLoss} answers for a campaign that is no candidate of the search (city, keyword). */
    private static final int NOT_A_CANDIDATE = -1;
    /** What {@link #firstLoss} answers for a campaign that passes every eligibility rule. */
    private static final int ELIGIBLE = -2;

    /** The eligibility checks in the order their reasons are counted (by reason, then in check order). */
    private static final Check[] BY_REASON;
    /** Per check (by ordinal): the reason's ordinal, or {@link #NOT_A_CANDIDATE} for a check that defines candidacy. */
    private static final int[] OUTCOME_OF = new int[Check.values().length];

    static {
        List<Check> checks = new ArrayList<>(List.of(Check.ELIGIBILITY));
        for (Check check : Check.values()) {
            LostReason reason = reasonOf(check);
            OUTCOME_OF[check.ordinal()] = reason == null ? NOT_A_CANDIDATE : reason.ordinal();
        }
        // Candidacy first (a stable sort keeps the checks' own order within a reason).
        checks.sort(Comparator.comparingInt(check -> OUTCOME_OF[check.ordinal()]));
        BY_REASON = checks.toArray(Check[]::new);
    }

    private AuctionCounting() {
    }

    /**
     * The reason a failing {@code check} stands for; null for the checks that decide whether a campaign is a candidate
     * at all. The one mapping from checks to reasons.
     */
    static LostReason reasonOf(Check check) {
        // A switch expression without a default: a new check does not compile until it is given its reason.
        return switch (check) {
            case CITY, KEYWORD, NEGATIVE_KEYWORD, NOT_IN_ORGANIC -> null;
            case FLOOR -> LostReason.FLOOR;
            case STATUS, SCHEDULE, ADVERTISER -> LostReason.STATUS;
            case DAILY_BUDGET, TOTAL_BUDGET, BALANCE -> LostReason.BUDGET;
            case PACING, FREQUENCY_CAP -> LostReason.PACING;
            case OUTRANKED -> LostReason.RANK;
            case DENSITY, ADVERTISER_SLOTS -> LostReason.PAGE_CAPS;
        };
    }

    /**
     * Counts the decision the scratch holds into this thread's tally.
     *
     * @param aboveFull  whether the placement filled every above-the-fold position it had
     * @param chosen     how many campaigns it placed below the fold (scratch.chosen[0..chosen), in rank order)
     * @param belowSlots how many it could have placed there
     */
    static void count(DecisionEngine.Scratch scratch, ImpressionShareCounter shares, List<String> organic,
            boolean aboveFull, int chosen, int belowSlots) {
        int weight = 1;
        if (!shares.countsEveryDecision()) {
            scratch.decisionsSinceCounted++;
            long now = shares.nanoTime();
            long allowedAt = shares.allow(scratch.shareAllowedAt, now);
            if (allowedAt == Long.MIN_VALUE) {
                scratch.shareRefusedAt = now;
                return;
            }
            // Spent whether or not it counts, so that a busy thread stays refused and counts one per under-load interval.
            scratch.shareAllowedAt = allowedAt;
            if (!shares.countsUnderLoad(scratch.shareRefusedAt, scratch.shareCountedAt, now)) {
                return;
            }
            weight = (int) Math.min(Integer.MAX_VALUE, scratch.decisionsSinceCounted);
            scratch.decisionsSinceCounted = 0;
            scratch.shareCountedAt = now;
        }
        SearchContext search = scratch.search;
        int hour = Math.min(23, (int) search.hoursIntoDay);
        ShareTally tally = scratch.tally;
        if (tally == null || !tally.isFor(search.index, search.dayEpoch, hour)) {
            tally = shares.tallyFor(search.index, search.dayEpoch, hour);
            scratch.tally = tally;
        }
        // A boosted campaign may take only the below-fold positions; a featured one any. The last placed campaign of
        // those positions ranks lowest of them (the placement takes candidates in rank order).
        boolean boostedFull = belowSlots > 0 && chosen == belowSlots;
        int lowestBelow = chosen > 0 ? scratch.chosen[chosen - 1] : -1;
        int lowestAny = -1;
        byte[] reached = scratch.reached;
        for (int k = 0; k < scratch.count; k++) {
            if (reached[k] == PLACED && (lowestAny < 0 || scratch.ranksAbove(lowestAny, k))) {
                lowestAny = k;
            }
        }
        boolean featuredFull = aboveFull && (belowSlots == 0 || boostedFull) && lowestAny >= 0;
        for (int k = 0; k < scratch.count; k++) {
            byte state = reached[k];
            if (state == STRAY) {
                continue;
            }
            ServingCampaign campaign = scratch.campaign(k);
            if (state == PLACED) {
                tally.count(campaign.position, ShareTally.SHOWN, weight);
                continue;
            }
            int loss = firstLoss(campaign, search, state == INELIGIBLE);
            if (loss == NOT_A_CANDIDATE || !EntityTable.isFor(campaign, organic.get(scratch.organicIndex[k]))) {
                continue;
            }
            if (loss == ELIGIBLE) {
                boolean featured = scratch.featured[k];
                boolean full = featured ? featuredFull : boostedFull;
                int lowest = featured ? lowestAny : lowestBelow;
                loss = full && (state == UNREACHED || scratch.ranksAbove(lowest, k)) ? LostReason.RANK.ordinal()
                        : LostReason.PAGE_CAPS.ordinal();
            }
            tally.count(campaign.position, loss, weight);
        }
    }

    /**
     * The ordinal of the first reason {@code campaign} fails in reason order, {@link #ELIGIBLE} or {@link #NOT_A_CANDIDATE}.
     *
     * @param knownIneligible whether the placement already found it ineligible (a rule fails: no need to ask whether all pass)
     */
    static int firstLoss(ServingCampaign campaign, SearchContext search, boolean knownIneligible) {
        // Most candidates pass every rule: the decision path's short-circuit chain says so without a dispatch per
        // rule, and only a campaign that fails one is asked which, in reason order.
        if (!knownIneligible && Eligibility.evaluate(campaign, search, null)) {
            return ELIGIBLE;
        }
        for (Check check : BY_REASON) {
            if (!Eligibility.passes(check, campaign, search)) {
                return OUTCOME_OF[check.ordinal()];
            }
        }
        return ELIGIBLE;
    }
}
