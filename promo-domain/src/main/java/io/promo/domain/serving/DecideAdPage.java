package io.promo.domain.serving;

import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.serving.engine.DecisionEngine;
import io.promo.domain.serving.engine.Placement;
import io.promo.domain.serving.index.ServingCampaign;
import io.promo.domain.serving.index.ServingIndex;
import io.promo.domain.serving.index.ServingIndexSource;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.pacing.TrafficRecorder;
import io.promo.domain.serving.share.ImpressionShareCounter;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.IdGenerator;
import io.promo.domain.shared.Money;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Use case: the page for one search, with sponsored results placed (docs/design.md "Serve"). Called on
 * every search page, so it reads only the in-memory {@link ServingIndex} and writes nothing but the traffic
 * count pacing learns from (for the cities the index knows); logging the impressions is the traffic package's.
 *
 * <p>Impression ids: one new event id per page from the {@link IdGenerator}, and each sponsored position's
 * impression id is that id with {@code _p<position>} appended ({@code pevt_01jf…_p1}, {@code pevt_01jf…_p6}).
 * They stay unique, time-sortable and unguessable across pages; within a page they are siblings, which tells
 * a viewer nothing the page itself does not. One id instead of one per slot matters: generating an id
 * (SecureRandom) costs about as much as a tenth of a decision.
 *
 * <p>Deterministic: the same request, index, clock instant and id generator give the same page, so a
 * decision can be tested and replayed. Thread-safe.
 */
public final class DecideAdPage {

    /** By position, what an impression's id adds to its page's ({@code pevt_…_p3}), written once rather than per result. */
    private static final String[] IMPRESSION_SUFFIX = IntStream.rangeClosed(0, PolicyLimits.TOP)
            .mapToObj(position -> "_p" + position).toArray(String[]::new);

    private final ServingIndexSource indexes;
    private final DecisionEngine engine;
    private final IdGenerator ids;
    private final Clock clock;
    private final TrafficRecorder traffic;
    private final QuerySigner querySigner;

    /**
     * @param ids         impression ids ({@link IdGenerator#newEventId()})
     * @param traffic     told of every search in a city some campaign targets, for the pacing curves
     *                    ({@code HourlyTrafficCounter})
     * @param querySigner the click tokens' query signature (the traffic package's keyed one)
     */
    public DecideAdPage(ServingIndexSource indexes, ServingSettings settings, IdGenerator ids, Clock clock,
            TrafficRecorder traffic, QuerySigner querySigner) {
        this(indexes, settings, ids, clock, traffic, querySigner, null);
    }

    /** @param shares where every candidate's auction is counted for impression share, or null to count none */
    public DecideAdPage(ServingIndexSource indexes, ServingSettings settings, IdGenerator ids, Clock clock,
            TrafficRecorder traffic, QuerySigner querySigner, ImpressionShareCounter shares) {
        this.indexes = indexes;
        this.engine = new DecisionEngine(settings, shares);
        this.ids = ids;
        this.clock = clock;
        this.traffic = traffic;
        this.querySigner = querySigner;
    }

    public DecisionPage decide(DecisionRequest request) {
        Instant now = clock.instant();
        ServingIndex index = indexes.indexAt(now);
        Placement placement = engine.decide(index, request, now, null);
        // Only a city some campaign targets has a curve to learn; counting every code a caller sends would let
        // ever-new codes grow the counts without bound (20,000 cities were measured at 12 MB).
        if (placement.cityIsTargeted()) {
            traffic.recordSearch(request.surface(), request.city(), now);
        }
        return page(request, placement, now);
    }

    private DecisionPage page(DecisionRequest request, Placement placement, Instant now) {
        String signature = querySigner.sign(placement.normalizedQuery());
        List<String> organic = request.organicMatches();
        PagePosition[] positions = new PagePosition[placement.length()];
        String pageId = placement.sponsoredCount() > 0 ? ids.newEventId().value() : null;
        int nextOrganic = 0;
        for (int position = 1; position <= placement.length(); position++) {
            ServingCampaign campaign = placement.campaignAt(position);
            if (campaign != null) {
                EventId impression = new EventId(pageId.concat(IMPRESSION_SUFFIX[position]));
                Money cpc = Money.ofCents(campaign.cpc);
                Money price = Money.ofCents(placement.priceAt(position));
                positions[position - 1] = new PagePosition.Sponsored(position, campaign.targetEntityId, campaign.id,
                        campaign.format, impression, cpc, new ClickTokenHook(impression, campaign.id, campaign.format, price,
                        cpc, now, request.surface(), request.city(), request.role(), signature));
            } else {
                while (placement.isPromoted(nextOrganic)) {
                    nextOrganic++;
                }
                positions[position - 1] = new PagePosition.Organic(position, organic.get(nextOrganic++));
            }
        }
        return new DecisionPage(now, request.surface(), request.role(), request.city(), request.viewer(), signature,
                Arrays.asList(positions), Optional.ofNullable(placement.nextMemoryToken()));
    }
}
