package io.promo.domain.advertiser;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.UserId;
import io.promo.domain.testing.Race;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AdvertiserRepository} must do; run against the fake and the PostgreSQL adapter. */
public abstract class AdvertiserRepositoryContract {

    protected abstract AdvertiserRepository repository();

    /** Adapters with shared storage empty it here; a fake made per test has nothing to do. */
    protected void emptyStorage() {
    }

    @BeforeEach
    void start_from_empty_storage() {
        emptyStorage();
    }

    @Test
    void an_inserted_advertiser_is_found_with_every_field() {
        Advertiser withPayment = TestData.anAdvertiser();
        Advertiser withoutPayment = Advertiser.onboard(TestData.IDS.newAdvertiserId(), new UserId("usr_plain"),
                Optional.empty(), NOW.plusSeconds(1));
        repository().insert(withPayment);
        repository().insert(withoutPayment);

        assertThat(repository().findById(withPayment.id())).contains(withPayment);
        assertThat(repository().findById(withoutPayment.id())).contains(withoutPayment);
    }

    @Test
    void an_unknown_id_finds_nothing() {
        assertThat(repository().findById(new AdvertiserId("padv_unknown"))).isEmpty();
    }

    @Test
    void all_advertisers_are_listed_oldest_first() {
        Advertiser older = TestData.anAdvertiser();
        Advertiser newer = Advertiser.onboard(TestData.IDS.newAdvertiserId(), new UserId("usr_newer"),
                Optional.empty(), NOW.plus(Duration.ofHours(1)));
        repository().insert(newer);
        repository().insert(older);

        assertThat(repository().findAll()).containsExactly(older, newer);
    }

    @Test
    void an_update_from_the_stored_version_is_written() {
        Advertiser stored = TestData.anAdvertiser();
        repository().insert(stored);
        Advertiser paused = stored.changeStatus(AdvertiserStatus.PAUSED, Actor.ADMIN, NOW).orElseThrow();

        assertThat(repository().updateIfUnchanged(paused, stored.updatedAt())).isTrue();
        assertThat(repository().findById(stored.id())).contains(paused);
    }

    @Test
    void an_update_from_a_stale_version_writes_nothing() {
        Advertiser stored = TestData.anAdvertiser();
        repository().insert(stored);
        Advertiser paused = stored.changeStatus(AdvertiserStatus.PAUSED, Actor.ADMIN, NOW).orElseThrow();
        repository().updateIfUnchanged(paused, stored.updatedAt());
        Advertiser suspendedFromStale = stored.changeStatus(AdvertiserStatus.SUSPENDED, Actor.ADMIN, NOW).orElseThrow();

        assertThat(repository().updateIfUnchanged(suspendedFromStale, stored.updatedAt())).isFalse();
        assertThat(repository().findById(stored.id())).contains(paused);
    }

    @Test
    void an_update_of_a_missing_advertiser_writes_nothing() {
        Advertiser neverStored = TestData.anAdvertiser();
        Advertiser paused = neverStored.changeStatus(AdvertiserStatus.PAUSED, Actor.ADMIN, NOW).orElseThrow();

        assertThat(repository().updateIfUnchanged(paused, neverStored.updatedAt())).isFalse();
        assertThat(repository().findById(neverStored.id())).isEmpty();
    }

    @Test
    void of_concurrent_updates_from_one_version_exactly_one_wins() throws Exception {
        Advertiser stored = TestData.anAdvertiser();
        repository().insert(stored);
        List<Callable<Boolean>> writers = new ArrayList<>();
        for (AdvertiserStatus target : List.of(AdvertiserStatus.PAUSED, AdvertiserStatus.SUSPENDED,
                AdvertiserStatus.PAUSED, AdvertiserStatus.SUSPENDED, AdvertiserStatus.PAUSED, AdvertiserStatus.SUSPENDED)) {
            Advertiser changed = stored.changeStatus(target, Actor.ADMIN, NOW).orElseThrow();
            writers.add(() -> repository().updateIfUnchanged(changed, stored.updatedAt()));
        }

        List<Boolean> results = Race.run(writers);

        assertThat(results).containsOnlyOnce(true);
        assertThat(repository().findById(stored.id()).orElseThrow().status()).isNotEqualTo(AdvertiserStatus.ACTIVE);
    }

    @Test
    void a_second_advertiser_for_a_user_is_not_stored_and_the_first_is_answered() {
        Advertiser first = TestData.anAdvertiser();
        Advertiser second = Advertiser.onboard(TestData.IDS.newAdvertiserId(), first.userId(), Optional.empty(),
                NOW.plusSeconds(1));

        assertThat(repository().insert(first)).isEmpty();
        assertThat(repository().insert(second)).contains(first);

        assertThat(repository().findById(second.id())).isEmpty();
        assertThat(repository().findAll()).containsExactly(first);
    }

    @Test
    void of_concurrent_inserts_for_one_user_exactly_one_is_stored_and_the_others_answer_it() throws Exception {
        UserId user = TestData.anAdvertiser().userId();
        List<Callable<Optional<Advertiser>>> creates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Advertiser candidate = Advertiser.onboard(TestData.IDS.newAdvertiserId(), user, Optional.empty(), NOW);
            creates.add(() -> repository().insert(candidate));
        }

        List<Optional<Advertiser>> answers = Race.run(creates);

        List<Advertiser> stored = repository().findAll();
        assertThat(stored).hasSize(1);
        assertThat(answers.stream().filter(Optional::isEmpty).count()).isEqualTo(1);
        assertThat(answers.stream().flatMap(Optional::stream)).hasSize(7).allMatch(stored.get(0)::equals);
    }
}
