package io.promo.app.http;

import static io.promo.app.http.ProblemResponses.accepted;

import io.promo.app.http.JsonViews.DecisionView;
import io.promo.app.http.JsonViews.DiagnosisView;
import io.promo.app.http.JsonViews.ResultView;
import io.promo.app.metrics.PromoMetrics;
import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.serving.WhyNotShownQuery;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.RoleCode;
import java.util.List;
import java.util.Optional;

/** The search service's decisions, and an advertiser's "why was my campaign not shown?". */
final class ServingRoutes implements ApiRoutes {

    /** Longer than any real user agent; the value is only ever hashed (I9). */
    static final int MAX_USER_AGENT_LENGTH = 1_024;
    /** An IPv6 address with a zone fits; the value is only ever hashed (I9). */
    static final int MAX_IP_LENGTH = 64;

    private final ApiServices services;

    ServingRoutes(ApiServices services) {
        this.services = services;
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/v1/decisions", Access.SEARCH_SERVICE, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx).allowOnly("surface", "role", "city", "query", "viewer", "client",
                    "page_size", "organic_matches");
            String surface = body.text("surface");
            String role = body.optionalText("role").orElse(null);
            String city = body.text("city");
            String query = body.optionalText("query").orElse("");
            JsonBody viewer = body.object("viewer");
            String userId = null;
            String fingerprint = null;
            if (viewer != null) {
                viewer.allowOnly("user_id", "anon_fingerprint");
                userId = viewer.optionalText("user_id").orElse(null);
                fingerprint = viewer.optionalText("anon_fingerprint").orElse(null);
            }
            DecisionService.Client client = readClient(body);
            Integer pageSize = body.optionalCount("page_size").orElse(null);
            List<String> organic = body.texts("organic_matches");
            body.throwIfInvalid();
            DecisionRequest request = DecisionRequest.parse(surface, role, city, query, userId, fingerprint, pageSize, organic);
            DecisionService.ServedPage served = services.decisions().serve(request, client);
            count(services.metrics(), served.page());
            DecisionPage page = served.page();
            Respond.json(ctx, 200, new DecisionView(page.servedAt(), page.surface().code(),
                    page.role().map(RoleCode::value).orElse(null), page.city().value(), page.querySignature(),
                    page.positions().stream().map(p -> ResultView.of(p, served.clickTokens())).toList()));
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

    /**
     * The searcher's client, {@code {ip, user_agent}}: required so that impressions can be logged with their
     * keyed hashes (I9). Read and checked here; never logged, never stored raw. Null when broken: the
     * violations end the request before it is used.
     */
    private static DecisionService.Client readClient(JsonBody body) {
        JsonBody client = body.object("client");
        if (client == null) {
            return null;
        }
        client.allowOnly("ip", "user_agent");
        String ip = client.text("ip");
        String userAgent = client.text("user_agent");
        if (ip != null && (ip.isBlank() || ip.length() > MAX_IP_LENGTH)) {
            client.reject("ip", "must be 1 to " + MAX_IP_LENGTH + " characters");
        }
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT_LENGTH) {
            client.reject("user_agent", "must be at most " + MAX_USER_AGENT_LENGTH + " characters");
        }
        return ip == null || userAgent == null ? null : new DecisionService.Client(ip, userAgent);
    }

    private static void count(PromoMetrics metrics, DecisionPage page) {
        String surface = page.surface().code();
        metrics.decisions.labelValues(surface).inc();
        for (PagePosition.Sponsored sponsored : page.sponsored()) {
            metrics.sponsoredSlotsFilled.labelValues(surface, sponsored.format().code()).inc();
        }
    }
}
