package io.promo.domain.campaign;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.pricing.PolicyCatalog;
import io.promo.domain.shared.IdGenerator;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.Violation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: an advertiser (or an admin on its behalf) authors a draft campaign, within the advertiser's
 * {@link CampaignQuota}.
 */
public final class CreateCampaign {

    private final AdvertiserRepository advertisers;
    private final CampaignRepository campaigns;
    private final PolicyCatalog policies;
    private final EntityOwnership ownership;
    private final CampaignQuota quota;
    private final IdGenerator ids;
    private final Clock clock;
    private final CityZones cityZones;

    /** Without a table of city zones: every city may be scheduled (ADR 0036). */
    public CreateCampaign(AdvertiserRepository advertisers, CampaignRepository campaigns, PolicyCatalog policies,
            EntityOwnership ownership, CampaignQuota quota, IdGenerator ids, Clock clock) {
        this(advertisers, campaigns, policies, ownership, quota, ids, clock, CityZones.none(clock.getZone()));
    }

    public CreateCampaign(AdvertiserRepository advertisers, CampaignRepository campaigns, PolicyCatalog policies,
            EntityOwnership ownership, CampaignQuota quota, IdGenerator ids, Clock clock, CityZones cityZones) {
        this.cityZones = cityZones;
        this.advertisers = advertisers;
        this.campaigns = campaigns;
        this.policies = policies;
        this.ownership = ownership;
        this.quota = quota;
        this.ids = ids;
        this.clock = clock;
    }

    public Outcome<Campaign> create(CreateCampaignCommand command) {
        Objects.requireNonNull(command, "command");
        Optional<Advertiser> advertiser = advertisers.findVisibleTo(command.actor(), command.advertiserId());
        if (advertiser.isEmpty()) {
            return Outcome.notFound("advertiser", command.advertiserId());
        }
        if (advertiser.get().status() == AdvertiserStatus.SUSPENDED) {
            return Outcome.rejected(Rejection.forbidden("advertiser " + command.advertiserId()
                    + " is suspended and cannot author campaigns"));
        }
        List<Violation> violations = new ArrayList<>(
                Campaign.authoringViolations(command.surface(), command.target(), command.settings()));
        violations.addAll(FloorCheck.violations(policies.resolver(), command.surface(), command.settings()));
        violations.addAll(ownership.refusals(command.target(), advertiser.get().userId()));
        violations.addAll(cityZones.refusals(command.settings()));
        violations.addAll(Keywords.refusals(command.settings().keywordTargets()));
        if (!violations.isEmpty()) {
            return Outcome.invalid(violations);
        }
        List<Violation> claimLost = ownership.claim(command.target(), advertiser.get().userId());
        if (!claimLost.isEmpty()) {
            return Outcome.invalid(claimLost);
        }
        Campaign draft = Campaign.draft(ids.newCampaignId(), command.advertiserId(), command.surface(),
                command.target(), command.settings(), clock.instant());
        if (!campaigns.insertWithinQuota(draft, quota)) {
            return Outcome.rejected(Rejection.limitReached(quota.refusal(command.advertiserId())));
        }
        return Outcome.accepted(draft);
    }
}
