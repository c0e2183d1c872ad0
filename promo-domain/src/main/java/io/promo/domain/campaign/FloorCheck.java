package io.promo.domain.campaign;

import io.promo.domain.pricing.PolicyResolver;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.Violation;
import java.util.ArrayList;
import java.util.List;

/** docs/design.md "Author": the cpc must reach the city-wide floor of every targeted city. */
final class FloorCheck {

    private FloorCheck() {
    }

    /** Empty when the cpc is itself invalid: that is reported on its own, and no floor is worth comparing with it. */
    static List<Violation> violations(PolicyResolver policies, Surface surface, CampaignSettings settings) {
        List<Violation> violations = new ArrayList<>();
        if (!settings.cpc().isPositive() || !settings.cpc().fitsColumn()) {
            return violations;
        }
        for (CityCode city : settings.cityTargets()) {
            Money floor = policies.resolveCityWide(surface, city).limits().cpcFloor();
            if (settings.cpc().isLessThan(floor)) {
                violations.add(new Violation("cpc_cents", "must be at least the floor of " + floor.cents()
                        + " cents for " + surface.code() + " in " + city + " (got " + settings.cpc().cents() + ")"));
            }
        }
        return violations;
    }
}
