package io.promo.domain.campaign;

import static io.promo.domain.shared.Outcomes.kindOf;
import static io.promo.domain.shared.Outcomes.rejectionOf;
import static io.promo.domain.shared.Outcomes.violatedFields;
import static io.promo.domain.testing.TestData.BERLIN;
import static io.promo.domain.testing.TestData.PARIS;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.pricing.InMemoryPolicyRepository;
import io.promo.domain.pricing.PolicyCatalog;
import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.NullableChange;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateCampaignTest {

    private static final Instant LATER = Instant.parse("2026-11-28T09:00:00.123456Z");

    private final MutableClock clock = new MutableClock(LATER);
    private final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    private final InMemoryPolicyRepository policies = new InMemoryPolicyRepository();
    private final PolicyCatalog catalog = new PolicyCatalog(policies, new PolicyLimits(Money.ofCents(10), 4, 1));
    private final UpdateCampaign updateCampaign = new UpdateCampaign(campaigns, catalog, clock);

    private final Advertiser owner = TestData.anAdvertiser();
    private final Campaign original = stored(TestData.aCampaign(owner.id()));

    @Test
    void a_rename_is_stored_with_a_new_version() {
        Campaign updated = updateCampaign.update(byOwner().withName("Headshots in Berlin")).orElseThrow();

        assertThat(updated.settings().name()).isEqualTo("Headshots in Berlin");
        assertThat(updated.updatedAt()).isEqualTo(LATER);
        assertThat(updated.createdAt()).isEqualTo(original.createdAt());
        assertThat(storedCampaign()).isEqualTo(updated);
    }

    @Test
    void every_changeable_field_is_changed_at_once() {
        UpdateCampaignCommand command = byOwner()
                .withName("Weddings")
                .withCpc(Money.ofCents(60))
                .withDailyBudget(Money.ofCents(2_000))
                .withTotalBudget(NullableChange.set(Money.ofCents(20_000)))
                .withEndDate(NullableChange.set(LocalDate.of(2027, 1, 31)))
                .withCityTargets(List.of(PARIS, BERLIN))
                .withKeywordTargets(List.of("Mariage", "Boda"))
                .withPacingMode(PacingMode.ACCELERATED);

        updateCampaign.update(command).orElseThrow();

        assertThat(storedCampaign().settings()).isEqualTo(TestData.settings()
                .name("Weddings").cpc(60).dailyBudget(2_000).totalBudget(20_000L).endDate(LocalDate.of(2027, 1, 31))
                .cities(PARIS, BERLIN).keywords("mariage", "boda").pacing(PacingMode.ACCELERATED).build());
    }

    @Test
    void keywords_a_negative_contradicts_are_refused_and_nothing_is_written() {
        Outcome<Campaign> outcome = updateCampaign.update(byOwner().withKeywordTargets(List.of("[portrait]", "-portrait")));

        assertThat(violatedFields(outcome)).containsExactly("keyword_targets");
        assertThat(storedCampaign()).isEqualTo(original);
    }

    @Test
    void a_campaign_stored_with_contradicting_keywords_still_loads_and_takes_changes_to_other_fields() {
        // Stored before the rule existed: it serves as before (its contradicted positive never matches).
        Campaign legacy = new Campaign(original.id(), original.advertiserId(), original.surface(), original.target(),
                original.settings().withKeywordTargets(List.of("[portrait]", "-portrait")), original.status(),
                original.createdAt(), original.updatedAt());
        campaigns.updateIfUnchanged(legacy, original.updatedAt());

        Campaign renamed = updateCampaign.update(byOwner().withName("Renamed")).orElseThrow();
        // A client that sends the whole campaign back sends its unchanged keywords with the change.
        Campaign again = updateCampaign.update(byOwner().withName("Renamed again")
                .withKeywordTargets(List.of("-portrait", "[portrait]"))).orElseThrow(); // in another order, too

        assertThat(renamed.settings().keywordTargets()).containsExactly("[portrait]", "-portrait");
        assertThat(renamed.settings().name()).isEqualTo("Renamed");
        assertThat(again.settings().name()).isEqualTo("Renamed again");
    }

    @Test
    void raising_the_cpc_above_the_daily_budget_is_rejected_and_nothing_is_written() {
        Outcome<Campaign> outcome = updateCampaign.update(byOwner().withCpc(Money.ofCents(1_001)));

        assertThat(violatedFields(outcome)).containsExactly("daily_budget_cents");
        assertThat(storedCampaign()).isEqualTo(original);
    }

    @Test
    void raising_the_daily_budget_above_the_total_budget_is_rejected() {
        Outcome<Campaign> outcome = updateCampaign.update(byOwner().withDailyBudget(Money.ofCents(10_001)));

        assertThat(violatedFields(outcome)).containsExactly("total_budget_cents");
        assertThat(storedCampaign()).isEqualTo(original);
    }

    @Test
    void an_end_date_before_the_start_is_rejected() {
        Outcome<Campaign> outcome = updateCampaign.update(
                byOwner().withEndDate(NullableChange.set(LocalDate.of(2026, 11, 30))));

        assertThat(violatedFields(outcome)).containsExactly("end_date");
        assertThat(storedCampaign()).isEqualTo(original);
    }

    @Test
    void removing_every_city_is_rejected() {
        assertThat(violatedFields(updateCampaign.update(byOwner().withCityTargets(List.of()))))
                .containsExactly("city_targets");
    }

    @Test
    void clearing_the_total_budget_leaves_the_campaign_without_one() {
        updateCampaign.update(byOwner().withTotalBudget(NullableChange.clear())).orElseThrow();

        assertThat(storedCampaign().settings().totalBudget()).isEmpty();
    }

    @Test
    void clearing_the_total_budget_lets_the_daily_budget_exceed_the_old_total() {
        updateCampaign.update(byOwner().withTotalBudget(NullableChange.clear()).withDailyBudget(Money.ofCents(50_000)))
                .orElseThrow();

        assertThat(storedCampaign().settings().dailyBudget()).isEqualTo(Money.ofCents(50_000));
    }

    @Test
    void clearing_the_end_date_leaves_the_campaign_open_ended() {
        updateCampaign.update(byOwner().withEndDate(NullableChange.clear())).orElseThrow();

        assertThat(storedCampaign().settings().endDate()).isEmpty();
        assertThat(storedCampaign().settings().totalBudget()).isEqualTo(original.settings().totalBudget());
    }

    @Test
    void an_ended_campaign_cannot_be_changed() {
        Campaign ended = stored(inStatus(TestData.aCampaign(owner.id()), CampaignStatus.ENDED));

        Outcome<Campaign> outcome = updateCampaign.update(
                UpdateCampaignCommand.of(Actor.tenant(owner.id()), ended.id()).withName("Revived"));

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.ILLEGAL_TRANSITION);
        assertThat(campaigns.findById(ended.id())).contains(ended);
    }

    @Test
    void a_rename_is_accepted_even_though_the_floor_has_since_risen_above_the_cpc() {
        raiseBerlinFloorTo(80);

        Outcome<Campaign> outcome = updateCampaign.update(byOwner().withName("Still 50 cents"));

        assertThat(outcome.orElseThrow().settings().name()).isEqualTo("Still 50 cents");
    }

    @Test
    void a_budget_change_is_accepted_even_though_the_floor_has_since_risen_above_the_cpc() {
        raiseBerlinFloorTo(80);

        assertThat(updateCampaign.update(byOwner().withDailyBudget(Money.ofCents(2_000))).isAccepted()).isTrue();
    }

    @Test
    void changing_the_cpc_rechecks_the_floor() {
        raiseBerlinFloorTo(80);

        Outcome<Campaign> outcome = updateCampaign.update(byOwner().withCpc(Money.ofCents(70)));

        assertThat(violatedFields(outcome)).containsExactly("cpc_cents");
        assertThat(rejectionOf(outcome).violations().get(0).message()).contains("berlin").contains("80");
        assertThat(storedCampaign()).isEqualTo(original);
    }

    @Test
    void changing_the_cities_rechecks_the_floor_of_a_new_city() {
        policies.upsert(TestData.aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, PARIS), 80));

        Outcome<Campaign> outcome = updateCampaign.update(byOwner().withCityTargets(List.of(BERLIN, PARIS)));

        assertThat(violatedFields(outcome)).containsExactly("cpc_cents");
        assertThat(rejectionOf(outcome).violations().get(0).message()).contains("paris");
        assertThat(storedCampaign()).isEqualTo(original);
    }

    @Test
    void a_cpc_raised_to_the_new_floor_is_accepted() {
        raiseBerlinFloorTo(80);

        assertThat(updateCampaign.update(byOwner().withCpc(Money.ofCents(80))).orElseThrow().settings().cpc())
                .isEqualTo(Money.ofCents(80));
    }

    @Test
    void another_tenant_gets_not_found_and_nothing_is_written() {
        AdvertiserId other = TestData.IDS.newAdvertiserId();

        Outcome<Campaign> outcome = updateCampaign.update(
                UpdateCampaignCommand.of(Actor.tenant(other), original.id()).withName("Hijacked"));

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.NOT_FOUND);
        assertThat(storedCampaign()).isEqualTo(original);
    }

    @Test
    void an_admin_may_change_any_campaign() {
        assertThat(updateCampaign.update(UpdateCampaignCommand.of(Actor.ADMIN, original.id()).withName("Moderated"))
                .isAccepted()).isTrue();
    }

    @Test
    void an_unknown_campaign_is_not_found() {
        CampaignId unknown = TestData.IDS.newCampaignId();

        assertThat(kindOf(updateCampaign.update(UpdateCampaignCommand.of(Actor.ADMIN, unknown).withName("x"))))
                .isEqualTo(Rejection.Kind.NOT_FOUND);
    }

    @Test
    void an_update_that_changes_nothing_writes_nothing() {
        UpdateCampaignCommand sameValues = byOwner()
                .withName(original.settings().name())
                .withCpc(original.settings().cpc())
                .withKeywordTargets(List.of(" PORTRAIT", "Headshot", "portrait"))
                .withTotalBudget(NullableChange.set(original.settings().totalBudget().orElseThrow()))
                .withPacingMode(original.settings().pacingMode());

        Campaign answered = updateCampaign.update(sameValues).orElseThrow();

        assertThat(answered.updatedAt()).isEqualTo(original.updatedAt());
        assertThat(storedCampaign()).isSameAs(original);
    }

    @Test
    void an_empty_update_writes_nothing() {
        assertThat(updateCampaign.update(byOwner()).orElseThrow().updatedAt()).isEqualTo(original.updatedAt());
        assertThat(storedCampaign()).isSameAs(original);
    }

    @Test
    void a_change_racing_another_writer_is_validated_against_what_that_writer_stored() {
        // Someone raises the cpc to 900 while we lower the daily budget to 800: together they break daily ≥ cpc.
        CampaignRepository racing = new RacingCampaignRepository(campaigns,
                () -> campaigns.updateIfUnchanged(
                        original.withSettings(original.settings().withCpc(Money.ofCents(900)), LATER.minusSeconds(1)),
                        original.updatedAt()));
        UpdateCampaign racingUpdate = new UpdateCampaign(racing, catalog, clock);

        Outcome<Campaign> outcome = racingUpdate.update(byOwner().withDailyBudget(Money.ofCents(800)));

        assertThat(violatedFields(outcome)).containsExactly("daily_budget_cents");
        assertThat(storedCampaign().settings().cpc()).isEqualTo(Money.ofCents(900));
        assertThat(storedCampaign().settings().dailyBudget()).isEqualTo(original.settings().dailyBudget());
    }

    private void raiseBerlinFloorTo(long cents) {
        policies.upsert(TestData.aPolicy(PolicyScope.cityWide(Surface.PEOPLE_SEARCH, BERLIN), cents));
    }

    private UpdateCampaignCommand byOwner() {
        return UpdateCampaignCommand.of(Actor.tenant(owner.id()), original.id());
    }

    private Campaign storedCampaign() {
        return campaigns.findById(original.id()).orElseThrow();
    }

    private Campaign stored(Campaign campaign) {
        campaigns.insert(campaign);
        return campaign;
    }

    static Campaign inStatus(Campaign c, CampaignStatus status) {
        return new Campaign(c.id(), c.advertiserId(), c.surface(), c.target(), c.settings(), status, c.createdAt(),
                c.updatedAt());
    }

    /** Lets another writer in just before the first conditional write, so that write loses the race. */
    static final class RacingCampaignRepository extends ForwardingCampaignRepository {
        private Runnable competitor;

        RacingCampaignRepository(CampaignRepository delegate, Runnable competitor) {
            super(delegate);
            this.competitor = competitor;
        }

        @Override
        public boolean updateIfUnchanged(Campaign changed, Instant expectedVersion) {
            if (competitor != null) {
                competitor.run();
                competitor = null;
            }
            return super.updateIfUnchanged(changed, expectedVersion);
        }
    }

    @Test
    void a_schedule_is_set_changed_and_removed() {
        updateCampaign.update(byOwner().withSchedule(AdSchedule.weekdays(9, 17))).orElseThrow();
        assertThat(storedCampaign().settings().schedule()).isEqualTo(AdSchedule.weekdays(9, 17));

        updateCampaign.update(byOwner().withName("Renamed")).orElseThrow();
        assertThat(storedCampaign().settings().schedule()).as("kept by a change that does not name it")
                .isEqualTo(AdSchedule.weekdays(9, 17));

        updateCampaign.update(byOwner().withSchedule(AdSchedule.ALWAYS)).orElseThrow();
        assertThat(storedCampaign().settings().schedule().isAlways()).isTrue();
    }

    @Test
    void a_schedule_with_no_hour_is_rejected_naming_the_window_and_nothing_is_written() {
        Outcome<Campaign> outcome = updateCampaign.update(byOwner().withSchedule(
                AdSchedule.of(AdSchedule.Window.of(List.of(java.time.DayOfWeek.MONDAY), 17, 9))));

        assertThat(violatedFields(outcome)).containsExactly("schedule[0].to_hour");
        assertThat(storedCampaign()).isEqualTo(original);
    }

    @Test
    void a_schedule_or_a_city_the_zone_table_does_not_know_is_rejected_on_the_schedule_and_nothing_is_written() {
        UpdateCampaign zoned = new UpdateCampaign(campaigns, catalog, clock,
                CityZones.parse("berlin=Europe/Berlin", java.time.ZoneOffset.UTC));
        zoned.update(byOwner().withSchedule(AdSchedule.weekdays(9, 17))).orElseThrow();
        Campaign scheduled = storedCampaign();

        Outcome<Campaign> outcome = zoned.update(byOwner().withCityTargets(List.of(BERLIN, PARIS)));

        assertThat(violatedFields(outcome)).containsExactly("schedule");
        assertThat(storedCampaign()).isEqualTo(scheduled);
    }
}
