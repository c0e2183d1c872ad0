package io.promo.domain.campaign;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.Race;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CampaignRepository} must do; run against the fake and the PostgreSQL adapter. */
public abstract class CampaignRepositoryContract {

    protected abstract AdvertiserRepository advertisers();

    protected abstract CampaignRepository repository();

    /** Adapters with shared storage empty it here; a fake made per test has nothing to do. */
    protected void emptyStorage() {
    }

    private Advertiser owner;

    @BeforeEach
    void an_advertiser_exists_in_empty_storage() {
        emptyStorage();
        owner = TestData.anAdvertiser();
        advertisers().insert(owner);
    }

    @Test
    void an_inserted_campaign_is_found_with_every_field() {
        Campaign full = TestData.aCampaign(owner.id(), TestData.settings()
                .name("Porträts in Köln — 50% off")
                .cities(new CityCode("koln"), TestData.BERLIN, new CityCode("new-york"))
                .keywords("portrait", "fotografo", "headshot")
                .pacing(PacingMode.ACCELERATED)
                .format(Format.BOOSTED)
                .build());
        Campaign minimal = Campaign.draft(TestData.IDS.newCampaignId(), owner.id(), Surface.STUDIO_SEARCH,
                TestData.aStudio(), TestData.settings().keywords().endDate(null).totalBudget(null).build(), NOW);
        repository().insert(full);
        repository().insert(minimal);

        assertThat(repository().findById(full.id())).contains(full);
        assertThat(repository().findById(minimal.id())).contains(minimal);
    }

    @Test
    void a_campaigns_ad_schedule_is_kept_changed_and_removed_with_it() {
        AdSchedule schedule = AdSchedule.of(
                AdSchedule.Window.of(java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY), 9, 17),
                AdSchedule.Window.of(List.of(java.time.DayOfWeek.SATURDAY), 0, 1),
                AdSchedule.Window.of(List.of(java.time.DayOfWeek.SUNDAY, java.time.DayOfWeek.MONDAY), 23, 24));
        Campaign scheduled = TestData.aCampaign(owner.id(), TestData.settings().schedule(schedule).build());
        repository().insert(scheduled);
        assertThat(repository().findById(scheduled.id())).contains(scheduled);
        assertThat(repository().findByAdvertiser(owner.id())).containsExactly(scheduled);
        assertThat(repository().findAll()).contains(scheduled);

        Campaign changed = scheduled.withSettings(scheduled.settings().withSchedule(AdSchedule.weekdays(8, 20)),
                NOW.plusSeconds(1));
        assertThat(repository().updateIfUnchanged(changed, scheduled.updatedAt())).isTrue();
        assertThat(repository().findById(scheduled.id())).contains(changed);

        Campaign stale = scheduled.withSettings(scheduled.settings().withSchedule(AdSchedule.ALWAYS), NOW.plusSeconds(2));
        assertThat(repository().updateIfUnchanged(stale, scheduled.updatedAt())).as("a stale version writes nothing").isFalse();
        assertThat(repository().findById(scheduled.id())).contains(changed);

        Campaign unscheduled = changed.withSettings(changed.settings().withSchedule(AdSchedule.ALWAYS), NOW.plusSeconds(3));
        assertThat(repository().updateIfUnchanged(unscheduled, changed.updatedAt())).isTrue();
        assertThat(repository().findById(scheduled.id())).contains(unscheduled);
    }

    @Test
    void an_unknown_id_finds_nothing() {
        assertThat(repository().findById(new CampaignId("pcmp_unknown"))).isEmpty();
    }

    @Test
    void an_advertiser_lists_only_its_own_campaigns_oldest_first() {
        Advertiser other = TestData.anAdvertiser();
        advertisers().insert(other);
        Campaign newer = Campaign.draft(TestData.IDS.newCampaignId(), owner.id(), Surface.PEOPLE_SEARCH,
                TestData.aServiceProfile(), TestData.settings().build(), NOW.plus(Duration.ofMinutes(5)));
        Campaign older = TestData.aCampaign(owner.id());
        Campaign foreign = TestData.aCampaign(other.id());
        repository().insert(newer);
        repository().insert(older);
        repository().insert(foreign);

        assertThat(repository().findByAdvertiser(owner.id())).containsExactly(older, newer);
        assertThat(repository().findAll()).contains(older, newer, foreign);
    }

    @Test
    void an_update_from_the_stored_version_is_written() {
        Campaign stored = TestData.aCampaign(owner.id());
        repository().insert(stored);
        Campaign changed = stored.withSettings(stored.settings().withCpc(Money.ofCents(75))
                .withEndDate(java.util.Optional.empty()), NOW)
                .apply(CampaignAction.ACTIVATE, Actor.ADMIN, NOW).orElseThrow();

        assertThat(repository().updateIfUnchanged(changed, stored.updatedAt())).isTrue();
        assertThat(repository().findById(stored.id())).contains(changed);
    }

    @Test
    void an_update_from_a_stale_version_writes_nothing() {
        Campaign stored = TestData.aCampaign(owner.id());
        repository().insert(stored);
        Campaign first = stored.withSettings(stored.settings().withName("first"), NOW);
        Campaign second = stored.withSettings(stored.settings().withName("second"), NOW);
        repository().updateIfUnchanged(first, stored.updatedAt());

        assertThat(repository().updateIfUnchanged(second, stored.updatedAt())).isFalse();
        assertThat(repository().findById(stored.id())).contains(first);
    }

    @Test
    void of_concurrent_updates_from_one_version_exactly_one_wins() throws Exception {
        Campaign stored = TestData.aCampaign(owner.id());
        repository().insert(stored);
        List<Callable<Boolean>> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Campaign changed = stored.withSettings(stored.settings().withName("writer " + i), NOW);
            writers.add(() -> repository().updateIfUnchanged(changed, stored.updatedAt()));
        }

        List<Boolean> results = Race.run(writers);

        assertThat(results).containsOnlyOnce(true);
        int winner = results.indexOf(true);
        assertThat(repository().findById(stored.id()).orElseThrow().settings().name()).isEqualTo("writer " + winner);
    }

    @Test
    void concurrent_creates_within_a_quota_never_pass_it_and_ended_campaigns_do_not_count() throws Exception {
        CampaignQuota quota = new CampaignQuota(5);
        for (int i = 0; i < 3; i++) {
            assertThat(repository().insertWithinQuota(TestData.aCampaign(owner.id(), TestData.settings().build()), quota))
                    .isTrue();
        }
        Campaign ended = TestData.aCampaign(owner.id(), TestData.settings().build());
        repository().insert(ended);
        Campaign endedNow = ended.apply(CampaignAction.END, Actor.ADMIN, NOW.plusSeconds(1)).orElseThrow();
        assertThat(repository().updateIfUnchanged(endedNow, ended.updatedAt())).isTrue();
        List<Callable<Boolean>> creates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            creates.add(() -> repository().insertWithinQuota(TestData.aCampaign(owner.id(), TestData.settings().build()),
                    quota));
        }

        List<Boolean> results = Race.run(creates);

        assertThat(results).as("5 places, 3 taken, the ended campaign not counted").filteredOn(created -> created)
                .hasSize(2);
        assertThat(repository().findByAdvertiser(owner.id())).filteredOn(c -> CampaignQuota.counts(c.status()))
                .hasSize(5);
    }

    @Test
    void a_campaigns_own_frequency_cap_is_stored_changed_and_removed_with_it() {
        Campaign capped = TestData.aCampaign(owner.id(), TestData.settings().build()
                .withFrequencyCap(java.util.Optional.of(new FrequencyCap(2, 24))));
        Campaign uncapped = TestData.aCampaign(owner.id());
        repository().insert(capped);
        repository().insert(uncapped);

        assertThat(repository().findById(capped.id())).contains(capped);
        assertThat(repository().findByAdvertiser(owner.id())).contains(capped, uncapped);
        assertThat(repository().findAll()).contains(capped, uncapped);

        Campaign changed = capped.withSettings(capped.settings().withFrequencyCap(java.util.Optional.of(new FrequencyCap(5, 1))),
                NOW.plusSeconds(1));
        assertThat(repository().updateIfUnchanged(changed, capped.updatedAt())).isTrue();
        assertThat(repository().findById(capped.id())).contains(changed);
        Campaign stale = capped.withSettings(capped.settings().withFrequencyCap(java.util.Optional.empty()), NOW.plusSeconds(2));
        assertThat(repository().updateIfUnchanged(stale, capped.updatedAt())).isFalse();
        assertThat(repository().findById(capped.id())).contains(changed);

        Campaign removed = changed.withSettings(changed.settings().withFrequencyCap(java.util.Optional.empty()),
                NOW.plusSeconds(3));
        assertThat(repository().updateIfUnchanged(removed, changed.updatedAt())).isTrue();
        assertThat(repository().findById(capped.id())).contains(removed);
        Campaign given = uncapped.withSettings(uncapped.settings().withFrequencyCap(java.util.Optional.of(new FrequencyCap(1, 168))),
                NOW.plusSeconds(1));
        assertThat(repository().updateIfUnchanged(given, uncapped.updatedAt())).isTrue();
        assertThat(repository().findAll()).contains(removed, given);
    }
}
