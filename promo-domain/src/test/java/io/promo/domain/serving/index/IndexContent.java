package io.promo.domain.serving.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an index holds, independent of how it was built (positions, city and keyword numbers differ between an index
 * patched by incremental refreshes and one built from every row): every campaign's fields, and every slice's policies
 * and entries as the campaigns they hold. Two indexes with equal contents decide alike.
 */
final class IndexContent {

    private IndexContent() {
    }

    static String of(ServingIndex index) {
        StringBuilder text = new StringBuilder("day ").append(index.day()).append(" built ").append(index.builtAt())
                .append('\n');
        TreeMap<String, String> campaigns = new TreeMap<>();
        for (int position = 0; position < index.campaignCount(); position++) {
            ServingCampaign campaign = index.campaign(index.campaignAt(position)).orElseThrow();
            campaigns.put(campaign.id.value(), describe(campaign));
        }
        campaigns.values().forEach(line -> text.append(line).append('\n'));
        TreeMap<String, String> slices = new TreeMap<>();
        index.forEachSlice((surface, slice) -> {
            List<String> entries = new ArrayList<>();
            slice.byEntity.forEachCampaign(campaign -> entries.add(describe(campaign)));
            entries.sort(null);
            slices.put(surface.code() + "/" + slice.scope.city().value(), "count " + slice.campaigns + " any "
                    + slice.policy(Optional.empty()) + " roles " + new TreeMap<>(slice.rolePolicies().entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().toString()))) + " curve "
                    + curve(slice.curve) + "\n  " + String.join("\n  ", entries));
        });
        slices.forEach((scope, slice) -> text.append(scope).append(": ").append(slice).append('\n'));
        return text.toString();
    }

    private static String curve(io.promo.domain.serving.pacing.TrafficCurve curve) {
        StringBuilder shares = new StringBuilder();
        for (int hour = 0; hour <= 24; hour += 3) {
            shares.append(String.format(java.util.Locale.ROOT, "%.6f,", curve.cumulativeShare(hour)));
        }
        return shares.toString();
    }

    private static String describe(ServingCampaign c) {
        return String.join(" ", c.id.value(), c.targetEntityId, c.advertiserId.value(), c.format.code(),
                "active=" + c.active, "advertiserActive=" + c.advertiserActive, "accelerated=" + c.accelerated,
                "cpc=" + c.cpc, "daily=" + c.dailyBudget, "total=" + c.totalBudget, "days=" + c.startEpochDay + ".."
                        + c.endEpochDay, "balance=" + c.balance, "today=" + c.spentToday, "spent=" + c.spentTotal,
                "score=" + c.score, "cap=" + c.capImpressions + "/" + c.capPeriodHours + "h#" + c.capHash, "schedule=" + schedule(c), "keywords=" + c.hasKeywords + "/" + c.hasNegatives + "/" + c.keywords.length + "/"
                        + c.negatives.length, "cities=" + c.cityCount, c.details.toString());
    }

    /** The hours of the week it may serve, and the hours of the day its pacing counts; "always" without a schedule. */
    private static String schedule(ServingCampaign c) {
        if (!c.scheduled) {
            return "always";
        }
        StringBuilder week = new StringBuilder();
        for (int hour = 0; hour < 168; hour++) {
            week.append(c.scheduledAt(hour) ? '1' : '0');
        }
        return week + "/" + Integer.toBinaryString(c.dayHours);
    }
}
