package io.promo.app.http;

import static io.promo.app.http.ProblemResponses.accepted;

import io.promo.app.http.JsonViews.PoliciesView;
import io.promo.app.http.JsonViews.PolicyView;
import io.promo.domain.pricing.PolicyCatalog;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.pricing.PricingMode;
import io.promo.domain.pricing.UpsertPolicy;
import io.promo.domain.pricing.UpsertPolicyCommand;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.util.Optional;

/** Floors and density caps per surface, role and city (admin). */
public final class PolicyRoutes implements ApiRoutes {

    // The fields of a policy, each named once.
    private static final String SURFACE = "surface";
    private static final String ROLE = "role";
    private static final String CITY = "city";
    private static final String CPC_FLOOR_CENTS = "cpc_floor_cents";
    private static final String MAX_DENSITY_TOP20 = "max_density_top20";
    private static final String MAX_ABOVE_FOLD = "max_above_fold";
    private static final String PRICING_MODE = "pricing_mode";

    private final UpsertPolicy upsertPolicy;
    private final PolicyCatalog policyCatalog;

    public PolicyRoutes(UpsertPolicy upsertPolicy, PolicyCatalog policyCatalog) {
        this.upsertPolicy = upsertPolicy;
        this.policyCatalog = policyCatalog;
    }

    @Override
    public void register(ApiRouter router) {
        router.put("/v1/policies", Access.ADMIN, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx).allowOnly(SURFACE, ROLE, CITY, CPC_FLOOR_CENTS, MAX_DENSITY_TOP20,
                    MAX_ABOVE_FOLD, PRICING_MODE).allowNull(ROLE, PRICING_MODE);
            Surface surface = body.parsed(SURFACE, Surface::parse);
            var role = body.optionalParsed(ROLE, RoleCode::parse);
            CityCode city = body.parsed(CITY, CityCode::parse);
            Long floor = body.wholeNumber(CPC_FLOOR_CENTS);
            Integer density = body.count(MAX_DENSITY_TOP20);
            Integer fold = body.count(MAX_ABOVE_FOLD);
            // Null or left out: the deployment's PROMO_PRICING_MODE (a PUT replaces the whole policy).
            Optional<PricingMode> pricing = body.optionalParsed(PRICING_MODE, PricingMode::ofCode);
            body.throwIfInvalid();
            var policy = accepted(upsertPolicy.upsert(new UpsertPolicyCommand(caller.actor(),
                    new PolicyScope(surface, role, city), floor, density, fold, pricing)));
            Respond.json(ctx, 200, PolicyView.of(policy));
        });
        router.get("/v1/policies", Access.ADMIN, (ctx, caller) -> Respond.json(ctx, 200, new PoliciesView(
                policyCatalog.listPolicies().stream().map(PolicyView::of).toList())));
    }
}
