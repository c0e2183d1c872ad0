package io.promo.domain.serving.ranking;

/**
 * The generalized second price of a click (docs/adr/0029-generalized-second-price-with-the-floor-as-reserve.md): the
 * least whole-cent bid that keeps the position, given the score of the next-ranked eligible competitor of another
 * advertiser. Which competitor that is, is the placement's to say; this is only the arithmetic.
 *
 * <p>Ranking compares {@code cpc × predicted CTR} as doubles and breaks ties by a rotation that changes with every
 * search, so a position is kept whatever the tie order only by a score strictly above the competitor's: the price
 * is the least integer {@code b} with {@code b × ctr > competitorScore} in the very double arithmetic ranking uses,
 * which is {@code floor(competitorScore ÷ ctr) + 1} up to rounding (corrected by a step either way).
 */
public final class ClearingPrice {

    private ClearingPrice() {
    }

    /**
     * The price of a campaign that has no competitor for its position: the floor (the reserve price), at least a
     * cent, at most its bid.
     */
    public static int alone(int bid, long floor) {
        return (int) Math.min(bid, Math.max(1, floor));
    }

    /**
     * @param bid             the campaign's cpc, its maximum price; positive
     * @param ctr             its predicted CTR (positive for any {@link CtrModel}; a CTR that is not positive cannot
     *                        outbid anything, so the campaign pays its bid)
     * @param competitorScore the next-ranked eligible competitor's score ({@code cpc × predicted CTR})
     * @param floor           the effective cpc floor, the reserve price
     */
    public static int against(int bid, double ctr, double competitorScore, long floor) {
        if (!(ctr > 0)) {
            return bid;
        }
        return (int) Math.min(bid, Math.max(Math.max(1, floor), leastBidAbove(competitorScore, ctr, bid)));
    }

    /**
     * The least integer {@code b ≥ 1} with {@code b × ctr > score}, or {@code limit} when that is beyond it (a price
     * is never above the bid, so nothing larger is needed).
     */
    public static long leastBidAbove(double score, double ctr, long limit) {
        if (!(score >= 0)) {
            return 1;
        }
        double quotient = Math.floor(score / ctr);
        if (!(quotient < limit)) {
            return limit;
        }
        long b = Math.max(1, (long) quotient + 1);
        while (b > 1 && (b - 1) * ctr > score) {
            b--;
        }
        while (b * ctr <= score && b < limit) {
            b++;
        }
        return b;
    }
}
