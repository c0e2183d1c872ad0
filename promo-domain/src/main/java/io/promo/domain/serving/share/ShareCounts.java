package io.promo.domain.serving.share;

/**
 * A campaign's auctions over some span (an hour, a day, a period): how many searches it was a candidate for, how many
 * showed it, and how many it lost, by {@link LostReason}. Candidate auctions are the impressions plus every loss, so
 * the shares add up to 1.
 */
public record ShareCounts(long impressions, long lostToFloor, long lostToStatus, long lostToBudget, long lostToPacing,
        long lostToRank, long lostToPageCaps) {

    public static final ShareCounts NONE = new ShareCounts(0, 0, 0, 0, 0, 0, 0);

    public ShareCounts {
        if (impressions < 0 || lostToFloor < 0 || lostToStatus < 0 || lostToBudget < 0 || lostToPacing < 0
                || lostToRank < 0 || lostToPageCaps < 0) {
            throw new IllegalArgumentException("counts are never negative: " + impressions + ", " + lostToFloor + ", "
                    + lostToStatus + ", " + lostToBudget + ", " + lostToPacing + ", " + lostToRank + ", " + lostToPageCaps);
        }
    }

    /** @param byOutcome per {@link LostReason} ordinal, then the impressions at {@code LostReason.values().length} */
    public static ShareCounts of(long[] byOutcome) {
        return new ShareCounts(byOutcome[SHOWN], byOutcome[LostReason.FLOOR.ordinal()],
                byOutcome[LostReason.STATUS.ordinal()], byOutcome[LostReason.BUDGET.ordinal()],
                byOutcome[LostReason.PACING.ordinal()], byOutcome[LostReason.RANK.ordinal()],
                byOutcome[LostReason.PAGE_CAPS.ordinal()]);
    }

    /** Where {@link #of} reads the impressions: after the reasons. */
    public static final int SHOWN = LostReason.values().length;

    public long candidateAuctions() {
        return impressions + lostToFloor + lostToStatus + lostToBudget + lostToPacing + lostToRank + lostToPageCaps;
    }

    public long lost(LostReason reason) {
        return switch (reason) {
            case FLOOR -> lostToFloor;
            case STATUS -> lostToStatus;
            case BUDGET -> lostToBudget;
            case PACING -> lostToPacing;
            case RANK -> lostToRank;
            case PAGE_CAPS -> lostToPageCaps;
        };
    }

    /** Impressions ÷ candidate auctions; 0 without candidate auctions. */
    public double impressionShare() {
        return shareOf(impressions);
    }

    /** The share of candidate auctions lost to {@code reason}; 0 without candidate auctions. */
    public double lostShare(LostReason reason) {
        return shareOf(lost(reason));
    }

    private double shareOf(long count) {
        long auctions = candidateAuctions();
        return auctions == 0 ? 0 : (double) count / auctions;
    }

    public ShareCounts plus(ShareCounts other) {
        return new ShareCounts(impressions + other.impressions, lostToFloor + other.lostToFloor,
                lostToStatus + other.lostToStatus, lostToBudget + other.lostToBudget, lostToPacing + other.lostToPacing,
                lostToRank + other.lostToRank, lostToPageCaps + other.lostToPageCaps);
    }
}
