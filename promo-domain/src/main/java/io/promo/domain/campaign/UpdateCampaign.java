package io.promo.domain.campaign;

import io.promo.domain.pricing.PolicyCatalog;
import io.promo.domain.shared.OptimisticUpdate;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.Violation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Use case: change a campaign's settings. The result is re-validated as a whole (a new cpc must still
 * fit the daily budget, and so on) and written only if nobody changed the campaign meanwhile.
 */
public final class UpdateCampaign {

    private final CampaignRepository campaigns;
    private final PolicyCatalog policies;
    private final Clock clock;
    private final CityZones cityZones;

    /** Without a table of city zones: every city may be scheduled (ADR 0036). */
    public UpdateCampaign(CampaignRepository campaigns, PolicyCatalog policies, Clock clock) {
        this(campaigns, policies, clock, CityZones.none(clock.getZone()));
    }

    public UpdateCampaign(CampaignRepository campaigns, PolicyCatalog policies, Clock clock, CityZones cityZones) {
        this.cityZones = cityZones;
        this.campaigns = campaigns;
        this.policies = policies;
        this.clock = clock;
    }

    public Outcome<Campaign> update(UpdateCampaignCommand command) {
        Objects.requireNonNull(command, "command");
        var update = new OptimisticUpdate<Campaign>(
                () -> campaigns.findVisibleTo(command.actor(), command.campaignId()),
                Campaign::updatedAt,
                campaigns::updateIfUnchanged);
        return update.apply(() -> Rejection.notFound("campaign", command.campaignId()),
                current -> decide(current, command));
    }

    private Outcome<Campaign> decide(Campaign current, UpdateCampaignCommand command) {
        if (current.status() == CampaignStatus.ENDED) {
            return Outcome.rejected(Rejection.illegalTransition("the campaign has ended; an ended campaign cannot be changed"));
        }
        CampaignSettings next = command.applyTo(current.settings());
        if (next.equals(current.settings())) {
            return Outcome.accepted(current);
        }
        List<Violation> violations = new ArrayList<>(
                Campaign.authoringViolations(current.surface(), current.target(), next));
        if (command.touchesPricing()) {
            violations.addAll(FloorCheck.violations(policies.resolver(), current.surface(), next));
        }
        if (command.touchesSchedule()) {
            violations.addAll(cityZones.refusals(next));
        }
        // Refused when the keywords change (as a set: their order means nothing to matching): a campaign stored with a
        // contradiction before the rule takes other changes, also from a client that sends its keywords back with them.
        if (!Set.copyOf(next.keywordTargets()).equals(Set.copyOf(current.settings().keywordTargets()))) {
            violations.addAll(Keywords.refusals(next.keywordTargets()));
        }
        if (!violations.isEmpty()) {
            return Outcome.invalid(violations);
        }
        return Outcome.accepted(current.withSettings(next, clock.instant()));
    }
}
