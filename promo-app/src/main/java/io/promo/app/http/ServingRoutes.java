package io.promo.app.http;

import static io.promo.app.http.ProblemResponses.accepted;

import io.promo.app.http.JsonViews.DecisionView;
import io.promo.app.http.JsonViews.DiagnosisView;
import io.promo.app.http.JsonViews.ResultView;
import io.promo.app.metrics.PromoMetrics;
import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.serving.Viewer;
import io.promo.domain.serving.diagnostics.WhyNotShown;
import io.promo.domain.serving.diagnostics.WhyNotShownQuery;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.traffic.ServeCommand;
import io.promo.domain.traffic.ServeSponsoredResults;
import io.promo.domain.traffic.ServedPage;
import java.util.List;
import java.util.Optional;

/** The search service's decisions, and "why was my campaign not shown?" for a search described or a page replayed. */
public final class ServingRoutes implements ApiRoutes {

    // The fields of a decision request, each named once ("viewer" and "client" are read by SearchViewer and SearchClient).
    private static final String SURFACE = "surface";
    private static final String ROLE = "role";
    private static final String CITY = "city";
    private static final String QUERY = "query";
    private static final String VIEWER = "viewer";
    private static final String CLIENT = "client";
    private static final String PAGE_SIZE = "page_size";
    private static final String ORGANIC_MATCHES = "organic_matches";
    private static final String MEMORY_TOKEN = "memory_token";

    private final ServeSponsoredResults decisions;
    private final WhyNotShown whyNotShown;
    private final PromoMetrics metrics;

    public ServingRoutes(ServeSponsoredResults decisions, WhyNotShown whyNotShown, PromoMetrics metrics) {
        this.decisions = decisions;
        this.whyNotShown = whyNotShown;
        this.metrics = metrics;
    }

    @Override
    public void register(ApiRouter router) {
        // Decisions need memory only (the serving index, the impression buffer): outside the database bulkhead.
        router.inMemory().post("/v1/decisions", Access.SEARCH_SERVICE, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx).allowOnly(SURFACE, ROLE, CITY, QUERY, VIEWER, CLIENT, PAGE_SIZE,
                    ORGANIC_MATCHES, MEMORY_TOKEN).allowNull(ROLE, MEMORY_TOKEN);
            String surface = body.text(SURFACE);
            String role = body.optionalText(ROLE).orElse(null);
            String city = body.text(CITY);
            String query = body.optionalText(QUERY).orElse("");
            SearchViewer viewer = SearchViewer.read(body.object(VIEWER));
            SearchClient client = SearchClient.read(body.object(CLIENT));
            Integer pageSize = body.optionalCount(PAGE_SIZE).orElse(null);
            List<String> organic = body.texts(ORGANIC_MATCHES);
            // Never refused for what it says: a token that does not verify is read as no memory (ADR 0034).
            String memoryToken = body.optionalText(MEMORY_TOKEN).orElse(null);
            body.throwIfInvalid();
            DecisionRequest request = DecisionRequest.parse(surface, role, city, query, viewer.userId(),
                    viewer.anonymousFingerprint(), pageSize, organic, memoryToken);
            ServedPage served = decisions.serve(new ServeCommand(request, client.ip(), client.userAgent()));
            count(served);
            DecisionPage page = served.page();
            Respond.json(ctx, 200, new DecisionView(page.servedAt(), page.surface().code(),
                    page.role().map(RoleCode::value).orElse(null), page.city().value(), page.querySignature(),
                    page.positions().stream().map(p -> ResultView.of(p, served)).toList(),
                    page.memoryToken().orElse(null)));
        });
        router.get("/v1/campaigns/{id}/diagnostics", Access.ADVERTISER, (ctx, caller) -> {
            var campaignId = Respond.campaignId(ctx);
            CityCode city = CityCode.parse("city", ctx.queryParam("city"));
            Optional<RoleCode> role = Optional.ofNullable(ctx.queryParam("role")).filter(r -> !r.isBlank())
                    .map(r -> RoleCode.parse("role", r));
            String query = Optional.ofNullable(ctx.queryParam("query")).orElse("");
            // A real page replayed: the search's matches in their order, the parameter repeated. Without them, the
            // search is one that matched the campaign's entity and nothing else, which is all an advertiser may know.
            Optional<List<String>> organic = ctx.queryParamMap().containsKey(ORGANIC_MATCHES)
                    ? Optional.of(ctx.queryParams(ORGANIC_MATCHES)) : Optional.empty();
            // A memory token verifies only for its viewer, so asking about FREQUENCY_CAP names both; a viewer alone
            // seeds the rotation of tied campaigns, as the search it replays did.
            String memoryToken = ctx.queryParam(MEMORY_TOKEN);
            String userId = ctx.queryParam("user_id");
            String fingerprint = ctx.queryParam("anon_fingerprint");
            Optional<Viewer> viewer = memoryToken != null || userId != null || fingerprint != null
                    ? Optional.of(Viewer.parse(userId, fingerprint)) : Optional.empty();
            WhyNotShownQuery diagnosed = new WhyNotShownQuery(caller.actor(), campaignId, role, city, query, organic,
                    Respond.wholeNumberParam(ctx, PAGE_SIZE, DecisionRequest.DEFAULT_PAGE_SIZE,
                            DecisionRequest.MAX_PAGE_SIZE), viewer, Optional.ofNullable(memoryToken));
            Respond.json(ctx, 200, DiagnosisView.of(accepted(whyNotShown.explain(diagnosed))));
        });
    }

    private void count(ServedPage served) {
        DecisionPage page = served.page();
        String surface = page.surface().code();
        metrics.decisionMade(surface, served.impressionsDropped());
        for (PagePosition.Sponsored sponsored : page.sponsored()) {
            metrics.sponsoredSlotFilled(surface, sponsored.format().code());
        }
    }
}
