package io.promo.domain.campaign;

import static io.promo.domain.shared.Outcomes.kindOf;
import static io.promo.domain.shared.Outcomes.rejectionOf;
import static io.promo.domain.shared.Outcomes.violatedFields;
import static io.promo.domain.testing.TestData.BERLIN;
import static io.promo.domain.testing.TestData.PARIS;
import static io.promo.domain.testing.TestData.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.advertiser.InMemoryAdvertiserRepository;
import io.promo.domain.pricing.InMemoryPolicyRepository;
import io.promo.domain.pricing.PolicyCatalog;
import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.Violation;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreateCampaignTest {

    private static final PolicyLimits DEFAULT_LIMITS = new PolicyLimits(Money.ofCents(10), 4, 1);

    private final MutableClock clock = MutableClock.at("2026-11-28T09:00:00.123456789Z");
    private final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    private final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    private final InMemoryPolicyRepository policies = new InMemoryPolicyRepository();
    private final InMemoryEntityOwners owners = new InMemoryEntityOwners();
    private EntityOwnership.Unregistered unregistered = EntityOwnership.Unregistered.CLAIMED_BY_FIRST_PROMOTER;
    private final CreateCampaign createCampaign = createCampaignWithDefault(DEFAULT_LIMITS);
    private final Advertiser advertiser = stored(TestData.anAdvertiser());

    @Test
    void an_accepted_campaign_is_stored_as_a_draft_of_its_advertiser() {
        Outcome<Campaign> outcome = createCampaign.create(byOwner(settings().build()));

        Campaign created = outcome.orElseThrow();
        assertThat(created.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(created.advertiserId()).isEqualTo(advertiser.id());
        assertThat(created.settings()).isEqualTo(settings().build());
        assertThat(created.createdAt()).isEqualTo(java.time.Instant.parse("2026-11-28T09:00:00.123456Z"));
        assertThat(campaigns.findAll()).containsExactly(created);
    }

    @Test
    void an_admin_authors_on_behalf_of_an_advertiser() {
        Outcome<Campaign> outcome = createCampaign.create(command(Actor.ADMIN, advertiser.id(), settings().build()));

        assertThat(campaigns.findByAdvertiser(advertiser.id())).containsExactly(outcome.orElseThrow());
    }

    @Test
    void a_cpc_below_the_city_floor_is_rejected_naming_the_city_and_nothing_is_stored() {
        policies.upsert(TestData.aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, PARIS), 80));

        Outcome<Campaign> outcome = createCampaign.create(byOwner(settings().cities(BERLIN, PARIS).cpc(50).build()));

        assertThat(violatedFields(outcome)).containsExactly("cpc_cents");
        assertThat(rejectionOf(outcome).violations().get(0).message()).contains("paris").contains("80")
                .doesNotContain("berlin");
        assertThat(campaigns.findAll()).isEmpty();
    }

    @Test
    void a_scheduled_campaign_is_stored_with_its_schedule() {
        CampaignSettings scheduled = settings().schedule(AdSchedule.weekdays(9, 17)).build();

        assertThat(createCampaign.create(byOwner(scheduled)).orElseThrow().settings().schedule())
                .isEqualTo(AdSchedule.weekdays(9, 17));
    }

    @Test
    void a_positive_keyword_a_negative_excludes_entirely_is_refused_naming_both_and_nothing_is_stored() {
        Outcome<Campaign> outcome = createCampaign.create(byOwner(settings()
                .keywords("wedding", "portrait photographer", "-photographer").build()));

        assertThat(violatedFields(outcome)).containsExactly("keyword_targets");
        assertThat(rejectionOf(outcome).violations().get(0).message())
                .contains("keyword 'portrait photographer' can never match", "keyword '-photographer'");
        assertThat(rejectionOf(outcome).violations().get(0).kind()).isEqualTo(Violation.Kind.RULE);
        assertThat(campaigns.findAll()).isEmpty();
    }

    @Test
    void a_blank_keyword_is_refused_naming_it() {
        Outcome<Campaign> outcome = createCampaign.create(byOwner(settings().keywords("wedding", " ").build()));

        assertThat(violatedFields(outcome)).containsExactly("keyword_targets");
        assertThat(rejectionOf(outcome).violations().get(0).message()).isEqualTo("a keyword is blank");
        assertThat(campaigns.findAll()).isEmpty();
    }

    @Test
    void a_schedule_on_a_city_without_a_zone_is_rejected_on_the_schedule_and_nothing_is_stored() {
        CreateCampaign zoned = new CreateCampaign(advertisers, campaigns, new PolicyCatalog(policies, DEFAULT_LIMITS),
                new EntityOwnership(owners, unregistered), CampaignQuota.DEFAULT, TestData.IDS, clock,
                CityZones.parse("berlin=Europe/Berlin", java.time.ZoneOffset.UTC));

        Outcome<Campaign> outcome = zoned.create(byOwner(settings().cities(BERLIN, PARIS)
                .schedule(AdSchedule.weekdays(9, 17)).build()));

        assertThat(violatedFields(outcome)).containsExactly("schedule");
        assertThat(rejectionOf(outcome).violations().get(0).message()).contains("paris").doesNotContain("berlin,");
        assertThat(campaigns.findAll()).isEmpty();
    }

    @Test
    void each_targeted_city_below_its_floor_is_reported() {
        policies.upsert(TestData.aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, PARIS), 80));
        policies.upsert(TestData.aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, BERLIN), 70));

        Outcome<Campaign> outcome = createCampaign.create(byOwner(settings().cities(BERLIN, PARIS).cpc(50).build()));

        assertThat(rejectionOf(outcome).violations()).hasSize(2)
                .anySatisfy(v -> assertThat(v.message()).contains("berlin"))
                .anySatisfy(v -> assertThat(v.message()).contains("paris"));
    }

    @Test
    void a_cpc_equal_to_the_floor_is_accepted() {
        policies.upsert(TestData.aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, BERLIN), 50));

        assertThat(createCampaign.create(byOwner(settings().cpc(50).build())).isAccepted()).isTrue();
    }

    @Test
    void a_city_without_a_policy_has_the_deployment_default_floor() {
        CreateCampaign withHighDefault = createCampaignWithDefault(new PolicyLimits(Money.ofCents(60), 4, 1));

        Outcome<Campaign> outcome = withHighDefault.create(byOwner(settings().cpc(50).build()));

        assertThat(violatedFields(outcome)).containsExactly("cpc_cents");
        assertThat(campaigns.findAll()).isEmpty();
    }

    @Test
    void a_role_specific_policy_does_not_raise_the_authoring_floor() {
        policies.upsert(TestData.aPolicy(
                new PolicyScope(Surface.PEOPLE_SEARCH, Optional.of(new RoleCode("photographer")), BERLIN), 500));

        assertThat(createCampaign.create(byOwner(settings().cpc(50).build())).isAccepted()).isTrue();
    }

    @Test
    void the_floor_of_another_surface_does_not_apply() {
        policies.upsert(TestData.aPolicy(PolicyScope.cityWide(Surface.STUDIO_SEARCH, BERLIN), 500));

        assertThat(createCampaign.create(byOwner(settings().cpc(50).build())).isAccepted()).isTrue();
    }

    @Test
    void an_unknown_advertiser_is_not_found() {
        AdvertiserId unknown = TestData.IDS.newAdvertiserId();

        Outcome<Campaign> outcome = createCampaign.create(command(Actor.ADMIN, unknown, settings().build()));

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.NOT_FOUND);
        assertThat(campaigns.findAll()).isEmpty();
    }

    @Test
    void another_tenants_advertiser_is_not_found_and_nothing_is_stored() {
        Advertiser other = stored(TestData.anAdvertiser());

        Outcome<Campaign> outcome = createCampaign.create(
                command(Actor.tenant(other.id()), advertiser.id(), settings().build()));

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.NOT_FOUND);
        assertThat(campaigns.findAll()).isEmpty();
    }

    @Test
    void a_suspended_advertiser_is_forbidden_to_author() {
        Advertiser suspended = stored(TestData.anAdvertiser()
                .changeStatus(AdvertiserStatus.SUSPENDED, Actor.ADMIN, TestData.NOW).orElseThrow());

        Outcome<Campaign> outcome = createCampaign.create(
                command(Actor.tenant(suspended.id()), suspended.id(), settings().build()));

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.FORBIDDEN);
        assertThat(campaigns.findAll()).isEmpty();
    }

    @Test
    void a_paused_advertiser_may_still_author() {
        Advertiser paused = stored(TestData.anAdvertiser()
                .changeStatus(AdvertiserStatus.PAUSED, Actor.ADMIN, TestData.NOW).orElseThrow());

        assertThat(createCampaign.create(command(Actor.tenant(paused.id()), paused.id(), settings().build()))
                .isAccepted()).isTrue();
    }

    @Test
    void several_violations_are_reported_together() {
        Outcome<Campaign> outcome = createCampaign.create(new CreateCampaignCommand(Actor.tenant(advertiser.id()),
                advertiser.id(), Surface.STUDIO_SEARCH, TestData.aServiceProfile(),
                settings().name("").startDate(java.time.LocalDate.of(2026, 12, 10))
                        .endDate(java.time.LocalDate.of(2026, 12, 9)).cpc(0).build()));

        assertThat(violatedFields(outcome)).containsExactly("target_entity_type", "name", "end_date", "cpc_cents");
        assertThat(campaigns.findAll()).isEmpty();
    }

    @Test
    void an_entity_registered_to_another_user_is_refused_naming_the_target_and_nothing_is_stored() {
        TargetEntity lenasPhoto = TestData.aServiceProfile();
        owners.register(lenasPhoto, new io.promo.domain.shared.UserId("usr_lena"));

        Outcome<Campaign> outcome = createCampaign.create(new CreateCampaignCommand(Actor.tenant(advertiser.id()),
                advertiser.id(), Surface.PEOPLE_SEARCH, lenasPhoto, settings().build()));

        assertThat(violatedFields(outcome)).containsExactly("target_entity_id");
        assertThat(rejectionOf(outcome).violations().get(0).message()).doesNotContain("usr_lena");
        assertThat(campaigns.findAll()).isEmpty();
    }

    @Test
    void an_admin_authoring_for_an_advertiser_is_held_to_the_advertisers_own_entities() {
        TargetEntity lenasPhoto = TestData.aServiceProfile();
        owners.register(lenasPhoto, new io.promo.domain.shared.UserId("usr_lena"));

        Outcome<Campaign> outcome = createCampaign.create(new CreateCampaignCommand(Actor.ADMIN, advertiser.id(),
                Surface.PEOPLE_SEARCH, lenasPhoto, settings().build()));

        assertThat(violatedFields(outcome)).containsExactly("target_entity_id");
        assertThat(campaigns.findAll()).isEmpty();
    }

    @Test
    void an_entity_registered_to_the_advertisers_own_user_is_accepted() {
        TargetEntity own = TestData.aServiceProfile();
        owners.register(own, advertiser.userId());

        assertThat(createCampaign.create(new CreateCampaignCommand(Actor.tenant(advertiser.id()), advertiser.id(),
                Surface.PEOPLE_SEARCH, own, settings().build())).isAccepted()).isTrue();
    }

    @Test
    void in_dev_mode_the_first_promoter_claims_an_unregistered_entity_and_a_second_user_is_refused() {
        TargetEntity unregistered = TestData.aServiceProfile();
        Advertiser rival = stored(TestData.anAdvertiser());

        Outcome<Campaign> first = createCampaign.create(new CreateCampaignCommand(Actor.tenant(advertiser.id()),
                advertiser.id(), Surface.PEOPLE_SEARCH, unregistered, settings().build()));
        Outcome<Campaign> second = createCampaign.create(new CreateCampaignCommand(Actor.tenant(advertiser.id()),
                advertiser.id(), Surface.PEOPLE_SEARCH, unregistered, settings().name("Another").build()));
        Outcome<Campaign> rivals = createCampaign.create(new CreateCampaignCommand(Actor.tenant(rival.id()),
                rival.id(), Surface.PEOPLE_SEARCH, unregistered, settings().cpc(90).build()));

        assertThat(first.isAccepted()).isTrue();
        assertThat(second.isAccepted()).isTrue();
        assertThat(violatedFields(rivals)).containsExactly("target_entity_id");
        assertThat(owners.ownerOf(unregistered)).contains(advertiser.userId());
        assertThat(campaigns.findByAdvertiser(rival.id())).isEmpty();
    }

    @Test
    void a_refused_campaign_claims_nothing() {
        TargetEntity unregistered = TestData.aServiceProfile();

        Outcome<Campaign> outcome = createCampaign.create(new CreateCampaignCommand(Actor.tenant(advertiser.id()),
                advertiser.id(), Surface.PEOPLE_SEARCH, unregistered, settings().cpc(0).build()));

        assertThat(violatedFields(outcome)).containsExactly("cpc_cents");
        assertThat(owners.ownerOf(unregistered)).isEmpty();
    }

    @Test
    void in_production_an_unregistered_entity_is_refused_and_stays_unclaimed() {
        unregistered = EntityOwnership.Unregistered.REFUSED;
        CreateCampaign production = createCampaignWithDefault(DEFAULT_LIMITS);
        TargetEntity entity = TestData.aServiceProfile();

        Outcome<Campaign> outcome = production.create(new CreateCampaignCommand(Actor.tenant(advertiser.id()),
                advertiser.id(), Surface.PEOPLE_SEARCH, entity, settings().build()));

        assertThat(violatedFields(outcome)).containsExactly("target_entity_id");
        assertThat(owners.ownerOf(entity)).isEmpty();
        assertThat(campaigns.findAll()).isEmpty();
    }

    @Test
    void a_cpc_below_the_floor_is_reported_together_with_other_broken_rules() {
        policies.upsert(TestData.aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, BERLIN), 80));

        Outcome<Campaign> outcome = createCampaign.create(byOwner(settings().name(" ").cpc(50).build()));

        assertThat(violatedFields(outcome)).containsExactly("name", "cpc_cents");
    }

    @Test
    void a_studio_campaign_is_authored_on_studio_search() {
        Outcome<Campaign> outcome = createCampaign.create(new CreateCampaignCommand(Actor.tenant(advertiser.id()),
                advertiser.id(), Surface.STUDIO_SEARCH, TestData.aStudio(), settings().build()));

        assertThat(outcome.orElseThrow().surface()).isEqualTo(Surface.STUDIO_SEARCH);
    }

    @Test
    void an_advertiser_at_its_campaign_quota_is_refused_with_the_limit_named_and_nothing_is_stored() {
        CreateCampaign withQuota = createCampaignWith(DEFAULT_LIMITS, new CampaignQuota(3));
        for (int i = 0; i < 3; i++) {
            assertThat(withQuota.create(byOwner(settings().build())).isAccepted()).isTrue();
        }

        Outcome<Campaign> fourth = withQuota.create(byOwner(settings().build()));
        Outcome<Campaign> byAdmin = withQuota.create(command(Actor.ADMIN, advertiser.id(), settings().build()));

        assertThat(kindOf(fourth)).isEqualTo(Rejection.Kind.LIMIT_REACHED);
        assertThat(rejectionOf(fourth).detail()).contains(advertiser.id().value()).contains("campaign quota")
                .contains("at most 3");
        assertThat(kindOf(byAdmin)).isEqualTo(Rejection.Kind.LIMIT_REACHED);
        assertThat(campaigns.findByAdvertiser(advertiser.id())).hasSize(3);
    }

    @Test
    void drafts_paused_and_suspended_campaigns_count_against_the_quota_and_an_ended_one_makes_room() {
        CreateCampaign withQuota = createCampaignWith(DEFAULT_LIMITS, new CampaignQuota(4));
        Campaign draft = withQuota.create(byOwner(settings().build())).orElseThrow();
        Campaign paused = moved(withQuota.create(byOwner(settings().build())).orElseThrow(), CampaignAction.ACTIVATE,
                CampaignAction.PAUSE);
        moved(withQuota.create(byOwner(settings().build())).orElseThrow(), CampaignAction.SUSPEND);
        moved(withQuota.create(byOwner(settings().build())).orElseThrow(), CampaignAction.ACTIVATE);
        assertThat(kindOf(withQuota.create(byOwner(settings().build())))).isEqualTo(Rejection.Kind.LIMIT_REACHED);

        moved(draft, CampaignAction.END);

        assertThat(withQuota.create(byOwner(settings().build())).isAccepted()).isTrue();
        assertThat(kindOf(withQuota.create(byOwner(settings().build())))).isEqualTo(Rejection.Kind.LIMIT_REACHED);
        assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
    }

    @Test
    void another_advertisers_campaigns_do_not_use_up_the_quota() {
        CreateCampaign withQuota = createCampaignWith(DEFAULT_LIMITS, new CampaignQuota(1));
        Advertiser other = stored(TestData.anAdvertiser());
        assertThat(withQuota.create(command(Actor.tenant(other.id()), other.id(), settings().build())).isAccepted())
                .isTrue();

        assertThat(withQuota.create(byOwner(settings().build())).isAccepted()).isTrue();
    }

    private Campaign moved(Campaign campaign, CampaignAction... actions) {
        Campaign current = campaign;
        for (CampaignAction action : actions) {
            Campaign changed = current.apply(action, Actor.ADMIN, clock.instant()).orElseThrow();
            assertThat(campaigns.updateIfUnchanged(changed, current.updatedAt())).isTrue();
            current = changed;
        }
        return current;
    }

    private CreateCampaign createCampaignWithDefault(PolicyLimits deploymentDefault) {
        return createCampaignWith(deploymentDefault, CampaignQuota.DEFAULT);
    }

    private CreateCampaign createCampaignWith(PolicyLimits deploymentDefault, CampaignQuota quota) {
        return new CreateCampaign(advertisers, campaigns, new PolicyCatalog(policies, deploymentDefault),
                new EntityOwnership(owners, unregistered), quota, TestData.IDS, clock);
    }

    private Advertiser stored(Advertiser a) {
        advertisers.insert(a);
        return a;
    }

    private CreateCampaignCommand byOwner(CampaignSettings settings) {
        return command(Actor.tenant(advertiser.id()), advertiser.id(), settings);
    }

    private static CreateCampaignCommand command(Actor actor, AdvertiserId advertiserId, CampaignSettings settings) {
        return new CreateCampaignCommand(actor, advertiserId, Surface.PEOPLE_SEARCH, TestData.aServiceProfile(),
                settings);
    }
}
