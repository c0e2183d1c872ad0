package io.promo.app.http;

import static io.promo.app.http.ProblemResponses.accepted;

import io.promo.app.http.JsonViews.DecisionView;
import io.promo.app.http.JsonViews.DiagnosisView;
import io.promo.app.http.JsonViews.ResultView;
import io.promo.app.metrics.PromoMetrics;
import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.serving.diagnostics.WhyNotShownQuery;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.traffic.ServeCommand;
import io.promo.domain.traffic.ServedPage;
import java.util.List;
import java.util.Optional;

/** The search service's decisions, and an advertiser's "why was my campaign not shown?". */
final class ServingRoutes implements ApiRoutes {

    private final ApiServices services;

    ServingRoutes(ApiServices services) {
        this.services = services;
    }

    @Override
    public void register(ApiRouter router) {
        // Decisions need memory only (the serving index, the impression buffer): outside the database bulkhead.
        router.inMemory().post("/v1/decisions", Access.SEARCH_SERVICE, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx).allowOnly("surface", "role", "city", "query", "viewer", "client",
                    "page_size", "organic_matches");
            String surface = body.text("surface");
            String role = body.optionalText("role").orElse(null);
            String city = body.text("city");
            String query = body.optionalText("query").orElse("");
            SearchViewer viewer = SearchViewer.read(body.object("viewer"));
            SearchClient client = SearchClient.read(body);
            Integer pageSize = body.optionalCount("page_size").orElse(null);
            List<String> organic = body.texts("organic_matches");
            body.throwIfInvalid();
            DecisionRequest request = DecisionRequest.parse(surface, role, city, query, viewer.userId(),
                    viewer.anonymousFingerprint(), pageSize, organic);
            ServedPage served = services.decisions().serve(new ServeCommand(request, client.ip(), client.userAgent()));
            count(services.metrics(), served);
            DecisionPage page = served.page();
            Respond.json(ctx, 200, new DecisionView(page.servedAt(), page.surface().code(),
                    page.role().map(RoleCode::value).orElse(null), page.city().value(), page.querySignature(),
                    page.positions().stream().map(p -> ResultView.of(p, served)).toList()));
        });
        router.get("/v1/campaigns/{id}/diagnostics", Access.ADVERTISER, (ctx, caller) -> {
            var campaignId = Respond.campaignId(ctx);
            CityCode city = CityCode.parse("city", ctx.queryParam("city"));
            Optional<RoleCode> role = Optional.ofNullable(ctx.queryParam("role")).filter(r -> !r.isBlank())
                    .map(r -> RoleCode.parse("role", r));
            WhyNotShownQuery query = WhyNotShownQuery.of(caller.actor(), campaignId, role, city,
                    Optional.ofNullable(ctx.queryParam("query")).orElse(""));
            Respond.json(ctx, 200, DiagnosisView.of(accepted(services.whyNotShown().explain(query))));
        });
    }

    private static void count(PromoMetrics metrics, ServedPage served) {
        DecisionPage page = served.page();
        String surface = page.surface().code();
        metrics.impressionsDropped.inc(served.impressionsDropped());
        metrics.decisions.labelValues(surface).inc();
        for (PagePosition.Sponsored sponsored : page.sponsored()) {
            metrics.sponsoredSlotsFilled.labelValues(surface, sponsored.format().code()).inc();
        }
    }
}
