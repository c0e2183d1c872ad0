package io.promo.domain.advertiser;

import static io.promo.domain.shared.Outcomes.kindOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.ServingSnapshot;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangeAdvertiserStatusTest {

    private static final Instant LATER = Instant.parse("2026-11-28T09:00:00Z");

    private final MutableClock clock = new MutableClock(LATER);
    private final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    private final Advertiser advertiser = TestData.anAdvertiser();

    ChangeAdvertiserStatusTest() {
        advertisers.insert(advertiser);
    }

    @Test
    void an_advertiser_pauses_itself() {
        Outcome<Advertiser> outcome = change(advertisers, Actor.tenant(advertiser.id()), AdvertiserStatus.PAUSED);

        assertThat(outcome.orElseThrow().status()).isEqualTo(AdvertiserStatus.PAUSED);
        assertThat(stored().status()).isEqualTo(AdvertiserStatus.PAUSED);
        assertThat(stored().updatedAt()).isEqualTo(LATER);
    }

    @Test
    void an_admin_suspends_an_advertiser() {
        change(advertisers, Actor.ADMIN, AdvertiserStatus.SUSPENDED).orElseThrow();

        assertThat(stored().status()).isEqualTo(AdvertiserStatus.SUSPENDED);
    }

    @Test
    void another_tenant_gets_not_found_and_nothing_changes() {
        Outcome<Advertiser> outcome = change(advertisers, Actor.tenant(TestData.IDS.newAdvertiserId()),
                AdvertiserStatus.PAUSED);

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.NOT_FOUND);
        assertThat(stored()).isEqualTo(advertiser);
    }

    @Test
    void an_unknown_advertiser_is_not_found() {
        Outcome<Advertiser> outcome = new ChangeAdvertiserStatus(advertisers, ServingSnapshot.NONE, clock).change(
                new ChangeAdvertiserStatusCommand(Actor.ADMIN, TestData.IDS.newAdvertiserId(), AdvertiserStatus.ACTIVE));

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.NOT_FOUND);
    }

    @Test
    void a_tenant_trying_to_suspend_itself_is_forbidden_and_nothing_changes() {
        Outcome<Advertiser> outcome = change(advertisers, Actor.tenant(advertiser.id()), AdvertiserStatus.SUSPENDED);

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.FORBIDDEN);
        assertThat(stored()).isEqualTo(advertiser);
    }

    @Test
    void a_change_that_lost_a_race_is_decided_again_on_the_newer_row() {
        // While the advertiser pauses itself, an admin suspends it: the pause must not overwrite the suspension.
        Advertiser suspended = advertiser.changeStatus(AdvertiserStatus.SUSPENDED, Actor.ADMIN, LATER.minusSeconds(1))
                .orElseThrow();
        AdvertiserRepository racing = new RacingAdvertiserRepository(advertisers,
                () -> advertisers.updateIfUnchanged(suspended, advertiser.updatedAt()));

        Outcome<Advertiser> outcome = change(racing, Actor.tenant(advertiser.id()), AdvertiserStatus.PAUSED);

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.FORBIDDEN);
        assertThat(stored()).isEqualTo(suspended);
    }

    @Test
    void an_admin_change_that_lost_a_race_is_applied_to_the_newer_row() {
        Advertiser paused = advertiser.changeStatus(AdvertiserStatus.PAUSED, Actor.ADMIN, LATER.minusSeconds(1))
                .orElseThrow();
        AdvertiserRepository racing = new RacingAdvertiserRepository(advertisers,
                () -> advertisers.updateIfUnchanged(paused, advertiser.updatedAt()));

        Advertiser result = change(racing, Actor.ADMIN, AdvertiserStatus.SUSPENDED).orElseThrow();

        assertThat(result.status()).isEqualTo(AdvertiserStatus.SUSPENDED);
        assertThat(result.updatedAt()).isAfter(paused.updatedAt());
        assertThat(stored()).isEqualTo(result);
    }

    private Outcome<Advertiser> change(AdvertiserRepository repository, Actor actor, AdvertiserStatus target) {
        return new ChangeAdvertiserStatus(repository, ServingSnapshot.NONE, clock)
                .change(new ChangeAdvertiserStatusCommand(actor, advertiser.id(), target));
    }

    private Advertiser stored() {
        return advertisers.findById(advertiser.id()).orElseThrow();
    }

    /** Lets another writer in just before the first conditional write, so that write loses the race. */
    private static final class RacingAdvertiserRepository implements AdvertiserRepository {
        private final AdvertiserRepository delegate;
        private Runnable competitor;

        RacingAdvertiserRepository(AdvertiserRepository delegate, Runnable competitor) {
            this.delegate = delegate;
            this.competitor = competitor;
        }

        @Override
        public Optional<Advertiser> insert(Advertiser advertiser) {
            return delegate.insert(advertiser);
        }

        @Override
        public Optional<Advertiser> findById(AdvertiserId id) {
            return delegate.findById(id);
        }

        @Override
        public List<Advertiser> findAll() {
            return delegate.findAll();
        }

        @Override
        public boolean updateIfUnchanged(Advertiser changed, Instant expectedVersion) {
            if (competitor != null) {
                competitor.run();
                competitor = null;
            }
            return delegate.updateIfUnchanged(changed, expectedVersion);
        }
    }
}
