package io.promo.domain.serving.ranking;

/**
 * Predicted CTR: the campaign's own CTR smoothed toward a prior, i.e. the mean of a Beta prior with
 * mean {@code priorCtr} and weight {@code priorImpressions} updated by the campaign's counts:
 * {@code pCTR = (clicks + priorImpressions × priorCtr) / (impressions + priorImpressions)}.
 *
 * <p>A new campaign therefore starts at {@code priorCtr} (a fair start, neither favoured nor buried)
 * and its own evidence outweighs the prior once it has more than {@code priorImpressions} impressions.
 * Defaults: 2 % (click-through rates of a few %) worth 100 impressions.
 */
public record CtrModel(double priorCtr, double priorImpressions) {

    public static final CtrModel DEFAULT = new CtrModel(0.02, 100);

    public CtrModel {
        if (!(priorCtr > 0 && priorCtr <= 1)) {
            throw new IllegalArgumentException("priorCtr must be in (0, 1]: " + priorCtr);
        }
        if (!(priorImpressions > 0) || Double.isInfinite(priorImpressions)) {
            throw new IllegalArgumentException("priorImpressions must be positive: " + priorImpressions);
        }
    }

    public double predict(CtrCounts counts) {
        // More clicks than impressions can happen at the edge of a counting window; it is not evidence of a CTR above 1.
        double clicks = Math.min(counts.clicks(), counts.impressions());
        return (clicks + priorImpressions * priorCtr) / (counts.impressions() + priorImpressions);
    }
}
