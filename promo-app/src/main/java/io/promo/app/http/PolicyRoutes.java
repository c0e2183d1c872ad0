package io.promo.app.http;

import static io.promo.app.http.ProblemResponses.accepted;

import io.promo.app.http.JsonViews.PoliciesView;
import io.promo.app.http.JsonViews.PolicyView;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.pricing.UpsertPolicyCommand;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;

/** Floors and density caps per surface, role and city (admin). */
final class PolicyRoutes implements ApiRoutes {

    private final ApiServices services;

    PolicyRoutes(ApiServices services) {
        this.services = services;
    }

    @Override
    public void register(ApiRouter router) {
        router.put("/v1/policies", Access.ADMIN, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx).allowOnly("surface", "role", "city", "cpc_floor_cents",
                    "max_density_top20", "max_above_fold");
            Surface surface = body.parsed("surface", Surface::parse);
            var role = body.optionalParsed("role", RoleCode::parse);
            CityCode city = body.parsed("city", CityCode::parse);
            Long floor = body.wholeNumber("cpc_floor_cents");
            Integer density = body.count("max_density_top20");
            Integer fold = body.count("max_above_fold");
            body.throwIfInvalid();
            var policy = accepted(services.useCases().upsertPolicy.upsert(new UpsertPolicyCommand(caller.actor(),
                    new PolicyScope(surface, role, city), floor, density, fold)));
            Respond.json(ctx, 200, PolicyView.of(policy));
        });
        router.get("/v1/policies", Access.ADMIN, (ctx, caller) -> Respond.json(ctx, 200, new PoliciesView(
                services.useCases().policyCatalog.listPolicies().stream().map(PolicyView::of).toList())));
    }
}
