package io.promo.domain.advertiser;

import static io.promo.domain.shared.Outcomes.kindOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.UserId;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreateAdvertiserTest {

    private final MutableClock clock = MutableClock.at("2026-11-28T09:00:00.123456789Z");
    private final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    private final CreateAdvertiser createAdvertiser = new CreateAdvertiser(advertisers, TestData.IDS, clock);
    private final UserId user = new UserId("usr_42");

    @Test
    void an_admin_creates_an_active_advertiser_and_it_is_stored() {
        PaymentReference payment = new PaymentReference("cus_123/pm_456");

        Advertiser created = createAdvertiser.create(
                new CreateAdvertiserCommand(Actor.ADMIN, user, Optional.of(payment))).orElseThrow();

        assertThat(created.status()).isEqualTo(AdvertiserStatus.ACTIVE);
        assertThat(created.userId()).isEqualTo(user);
        assertThat(created.defaultPayment()).contains(payment);
        assertThat(created.id().value()).startsWith("padv_");
        assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-11-28T09:00:00.123456Z"));
        assertThat(advertisers.findAll()).containsExactly(created);
    }

    @Test
    void a_second_advertiser_for_the_same_user_is_refused_as_a_conflict_naming_the_first_and_nothing_is_stored() {
        Advertiser first = createAdvertiser.create(new CreateAdvertiserCommand(Actor.ADMIN, user, Optional.empty()))
                .orElseThrow();

        Outcome<Advertiser> second = createAdvertiser.create(new CreateAdvertiserCommand(Actor.ADMIN, user,
                Optional.of(new PaymentReference("cus_9/pm_9"))));

        assertThat(kindOf(second)).isEqualTo(Rejection.Kind.CONFLICT);
        assertThat(((Outcome.Rejected<Advertiser>) second).rejection().detail())
                .contains(user.value()).contains(first.id().value());
        assertThat(advertisers.findAll()).containsExactly(first);
    }

    @Test
    void an_advertiser_without_a_payment_method_can_be_created() {
        Advertiser created = createAdvertiser.create(
                new CreateAdvertiserCommand(Actor.ADMIN, user, Optional.empty())).orElseThrow();

        assertThat(advertisers.findById(created.id())).hasValueSatisfying(
                a -> assertThat(a.defaultPayment()).isEmpty());
    }

    @Test
    void a_tenant_cannot_create_advertisers_and_nothing_is_stored() {
        Outcome<Advertiser> outcome = createAdvertiser.create(new CreateAdvertiserCommand(
                Actor.tenant(TestData.IDS.newAdvertiserId()), user, Optional.empty()));

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.FORBIDDEN);
        assertThat(advertisers.findAll()).isEmpty();
    }

    @Test
    void each_advertiser_gets_its_own_id() {
        Advertiser first = createAdvertiser.create(new CreateAdvertiserCommand(Actor.ADMIN, user, Optional.empty()))
                .orElseThrow();
        Advertiser second = createAdvertiser.create(new CreateAdvertiserCommand(Actor.ADMIN, new UserId("usr_43"),
                Optional.empty())).orElseThrow();

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(advertisers.findAll()).hasSize(2);
    }
}
