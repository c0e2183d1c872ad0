package io.promo.domain.serving.ranking;

/** A campaign's recent impressions and (valid) clicks, the evidence its predicted CTR is built on. */
public record CtrCounts(long impressions, long clicks) {

    public static final CtrCounts NONE = new CtrCounts(0, 0);

    public CtrCounts {
        if (impressions < 0 || clicks < 0) {
            throw new IllegalArgumentException("negative counts: " + impressions + " impressions, " + clicks + " clicks");
        }
    }
}
