package io.promo.domain.serving.engine;

import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.serving.index.ServingCampaign;
import io.promo.domain.serving.memory.MemoryTokenCodec;
import io.promo.domain.serving.memory.ViewerMemory;

/**
 * The outcome of placement for one decision: which campaign sits at which of positions 1–20 and which
 * organic matches they promote. Part of a thread's reusable scratch: valid until that thread's next decision.
 */
public final class Placement {

    static final int TOP = PolicyLimits.TOP;

    /** The page's length: {@code min(page_size, organic matches)}. */
    int length;
    SearchContext search;
    private final ServingCampaign[] atPosition = new ServingCampaign[TOP + 1];
    private final int[] organicIndexAt = new int[TOP + 1];
    private final int[] priceAt = new int[TOP + 1];
    private final boolean[] promoted = new boolean[Search.MAX_ORGANIC_MATCHES];
    private final int[] promotedIndexes = new int[TOP];
    /** The campaign of each promotion, in {@link #promotedIndexes}' order. */
    private final ServingCampaign[] promotedCampaigns = new ServingCampaign[TOP];
    private int promotedCount;
    private final int[] cappedHashes = new int[TOP];
    private final int[] cappedPeriods = new int[TOP];

    void reset(int pageLength, SearchContext context) {
        for (int position = 1; position <= TOP; position++) {
            atPosition[position] = null;
        }
        for (int i = 0; i < promotedCount; i++) {
            promoted[promotedIndexes[i]] = false;
            promotedCampaigns[i] = null;
        }
        promotedCount = 0;
        length = pageLength;
        search = context;
    }

    /** Reserves the organic match at {@code organicIndex} for {@code campaign}'s sponsored position: it leaves its organic one. */
    void promote(int organicIndex, ServingCampaign campaign) {
        promoted[organicIndex] = true;
        promotedCampaigns[promotedCount] = campaign;
        promotedIndexes[promotedCount++] = organicIndex;
    }

    /**
     * Competitive separation: whether {@code campaign}'s advertiser has fewer than the search's
     * {@code maxSlotsPerAdvertiser} positions so far. Tells a trace listening to {@code campaign} when it has not.
     */
    boolean advertiserHasRoom(ServingCampaign campaign, DiagnosisTrace trace) {
        if (!advertiserIsFull(campaign)) {
            return true;
        }
        if (trace != null && trace.campaign == campaign) {
            trace.advertiserFull();
        }
        return false;
    }

    /** Whether {@code campaign}'s advertiser already has every position competitive separation allows it. */
    boolean advertiserIsFull(ServingCampaign campaign) {
        return advertiserPositions(campaign) >= search.maxSlotsPerAdvertiser;
    }

    /** How many of the positions promoted so far went to {@code campaign}'s advertiser. */
    int advertiserPositions(ServingCampaign campaign) {
        int count = 0;
        for (int i = 0; i < promotedCount; i++) {
            if (promotedCampaigns[i].sameAdvertiser(campaign)) {
                count++;
            }
        }
        return count;
    }

    /** Puts {@code campaign}, whose entity was {@link #promote promoted}, at {@code position}. */
    void place(ServingCampaign campaign, int organicIndex, int position) {
        atPosition[position] = campaign;
        organicIndexAt[position] = organicIndex;
    }

    void price(int position, int cents) {
        priceAt[position] = cents;
    }

    /**
     * What a click on the sponsored result at {@code position} pays, in cents: its clearing price, or its cpc when
     * the deployment prices by {@link io.promo.domain.pricing.PricingMode#FIRST_PRICE}.
     */
    public int priceAt(int position) {
        return priceAt[position];
    }

    /** The campaign at {@code position}, or null for an organic position. */
    public ServingCampaign campaignAt(int position) {
        return position <= TOP ? atPosition[position] : null;
    }

    int organicIndexAt(int position) {
        return organicIndexAt[position];
    }

    /** True when the organic match at {@code organicIndex} (0-based) moved to a sponsored position. */
    public boolean isPromoted(int organicIndex) {
        return promoted[organicIndex];
    }

    /** The position of {@code campaign}, or 0. */
    public int positionOf(ServingCampaign campaign) {
        for (int position = 1; position <= TOP; position++) {
            if (atPosition[position] == campaign) {
                return position;
            }
        }
        return 0;
    }

    public int sponsoredCount() {
        return promotedCount;
    }

    /** The page's length: {@code min(page_size, organic matches)}. */
    public int length() {
        return length;
    }

    /** The search's query, normalized as keywords are. */
    public String normalizedQuery() {
        return search.normalizedQuery;
    }

    /**
     * Whether some campaign of the index the decision read targets the search's city (the index numbers only those
     * cities): what the decision's caller would otherwise look up again.
     */
    public boolean cityIsTargeted() {
        return search.cityId >= 0;
    }

    /** The budget day the decision was made on, as an epoch day. */
    public long dayEpoch() {
        return search.dayEpoch;
    }

    /**
     * The viewer-memory token to answer with, for the search service to send with this viewer's next search: the
     * request's own, unchanged, when no campaign with a frequency cap was placed (so a page without one costs no
     * signature), unless it is oversized or was read and did not verify (then none); otherwise the memory it read plus one impression of each capped campaign placed, written and sealed
     * anew. Null when the request had none and nothing capped was placed.
     */
    public String nextMemoryToken() {
        MemoryTokenCodec codec = search.codec();
        int capped = 0;
        for (int position = 1; position <= TOP; position++) {
            ServingCampaign campaign = atPosition[position];
            if (campaign != null && campaign.capImpressions > 0) {
                cappedHashes[capped] = campaign.capHash;
                cappedPeriods[capped++] = campaign.capPeriodHours;
            }
        }
        if (codec == null || capped == 0) {
            return search.memoryTokenToKeep();
        }
        ViewerMemory next = search.memory().after(search.nowMinute, cappedHashes, cappedPeriods, capped);
        return codec.write(next, search.viewerKey(), search.nowMinute);
    }
}
