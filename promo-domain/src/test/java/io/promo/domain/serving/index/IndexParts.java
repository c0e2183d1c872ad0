package io.promo.domain.serving.index;

import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.ledger.BudgetState;
import java.util.Map;

/**
 * The index's parts built one by one, for the engine's tests of its hand-tuned structures; production code builds
 * them only through {@link ServingIndex#build}, so their constructors stay package-private.
 */
public final class IndexParts {

    private IndexParts() {
    }

    public static ServingCampaign servingCampaign(Campaign campaign, AdvertiserStatus advertiserStatus, BudgetState budget,
            double predictedCtr, int[] keywordIds, int[] cityIds) {
        int[] keywords = new int[keywordIds.length * 3];
        for (int i = 0; i < keywordIds.length; i++) {
            keywords[3 * i] = KeywordProgram.BROAD;
            keywords[3 * i + 1] = 1;
            keywords[3 * i + 2] = keywordIds[i];
        }
        return new ServingCampaign(campaign, advertiserStatus, budget, predictedCtr, keywords, KeywordProgram.NONE, cityIds);
    }

    /** @param entries entity id → its campaign, or its campaigns ordered by campaign id in an array */
    public static EntityTable entityTable(Map<String, Object> entries) {
        return new EntityTable(entries);
    }

    /** The dictionary of {@code keywords}, numbered in their order. */
    public static KeywordDictionary keywordDictionary(String... keywords) {
        KeywordDictionary.Builder builder = new KeywordDictionary.Builder();
        for (String keyword : keywords) {
            builder.add(keyword);
        }
        return builder.build();
    }
}
