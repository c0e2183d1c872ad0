package io.promo.domain.serving.diagnostics;

import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.Viewer;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Violations;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * "Why was my campaign not shown for this search?" The search is described as the search service would
 * send it, on the campaign's surface.
 *
 * @param organicMatches the search engine's matches, to replay a real search; absent means "as if the search
 *                       had matched my entity and nothing else", which is all an advertiser can know
 * @param viewer         who searched; only the rotation of tied campaigns depends on it (default: an
 *                       anonymous "diagnostics" viewer)
 * @param memoryToken    the viewer's memory token, to ask whether a frequency cap held the campaign off
 *                       (FREQUENCY_CAP); it verifies only with the viewer it was written for
 */
public record WhyNotShownQuery(
        Actor actor,
        CampaignId campaignId,
        Optional<RoleCode> role,
        CityCode city,
        String query,
        Optional<List<String>> organicMatches,
        int pageSize,
        Optional<Viewer> viewer,
        Optional<String> memoryToken) {

    static final Viewer DIAGNOSTICS_VIEWER = Viewer.anonymous("diagnostics");

    public WhyNotShownQuery {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(organicMatches, "organicMatches");
        query = query == null ? "" : query;
        // Not List.copyOf: a null id is the decision request's to report, as a violation.
        organicMatches = organicMatches.map(ids -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(ids)));
        new Violations().require(city != null, "city", "is required").throwIfAny();
        Objects.requireNonNull(memoryToken, "memoryToken");
    }

    /** A query without a viewer-memory token: a frequency cap then counts this page only. */
    public WhyNotShownQuery(Actor actor, CampaignId campaignId, Optional<RoleCode> role, CityCode city, String query,
            Optional<List<String>> organicMatches, int pageSize, Optional<Viewer> viewer) {
        this(actor, campaignId, role, city, query, organicMatches, pageSize, viewer, Optional.empty());
    }

    /** The campaign's chances for a search in {@code city} with {@code query}, as if it matched the campaign's entity. */
    public static WhyNotShownQuery of(Actor actor, CampaignId campaignId, Optional<RoleCode> role, CityCode city,
            String query) {
        return new WhyNotShownQuery(actor, campaignId, role, city, query, Optional.empty(),
                DecisionRequest.DEFAULT_PAGE_SIZE, Optional.empty());
    }

    /** The campaign's fate in exactly the search {@code request} (its surface must be the campaign's). */
    public static WhyNotShownQuery replaying(Actor actor, CampaignId campaignId, DecisionRequest request) {
        return new WhyNotShownQuery(actor, campaignId, request.role(), request.city(), request.query(),
                Optional.of(request.organicMatches()), request.pageSize(), Optional.of(request.viewer()),
                Optional.ofNullable(request.memoryToken()));
    }

    /** The decision request this query describes, for a campaign of {@code surface} promoting {@code entityId}. */
    DecisionRequest toRequest(io.promo.domain.shared.Surface surface, String entityId) throws InvalidCommandException {
        return new DecisionRequest(surface, role, city, query, viewer.orElse(DIAGNOSTICS_VIEWER), pageSize,
                organicMatches.orElse(List.of(entityId)), memoryToken.orElse(null));
    }
}
