package io.promo.domain.advertiser;

import static io.promo.domain.advertiser.AdvertiserStatus.ACTIVE;
import static io.promo.domain.advertiser.AdvertiserStatus.PAUSED;
import static io.promo.domain.advertiser.AdvertiserStatus.SUSPENDED;
import static io.promo.domain.shared.Outcomes.kindOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Rejection;
import io.promo.domain.testing.TestData;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AdvertiserTest {

    private static final Instant LATER = TestData.NOW.plusSeconds(60);

    @Test
    void an_onboarded_advertiser_is_active() {
        Advertiser advertiser = TestData.anAdvertiser();

        assertThat(advertiser.status()).isEqualTo(ACTIVE);
        assertThat(advertiser.isActive()).isTrue();
        assertThat(advertiser.createdAt()).isEqualTo(TestData.NOW).isEqualTo(advertiser.updatedAt());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "ACTIVE, PAUSED", "ACTIVE, SUSPENDED",
            "PAUSED, ACTIVE", "PAUSED, SUSPENDED",
            "SUSPENDED, ACTIVE", "SUSPENDED, PAUSED"})
    void an_admin_moves_an_advertiser_between_any_statuses(AdvertiserStatus from, AdvertiserStatus to) {
        Advertiser before = advertiserIn(from);

        Advertiser after = before.changeStatus(to, Actor.ADMIN, LATER).orElseThrow();

        assertThat(after.status()).isEqualTo(to);
        assertThat(after.updatedAt()).isEqualTo(LATER);
        assertThat(after).usingRecursiveComparison().ignoringFields("status", "updatedAt").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"ACTIVE, PAUSED", "PAUSED, ACTIVE"})
    void an_advertiser_pauses_and_reactivates_itself(AdvertiserStatus from, AdvertiserStatus to) {
        Advertiser before = advertiserIn(from);

        assertThat(before.changeStatus(to, Actor.tenant(before.id()), LATER).orElseThrow().status()).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"ACTIVE, SUSPENDED", "PAUSED, SUSPENDED", "SUSPENDED, ACTIVE", "SUSPENDED, PAUSED"})
    void an_advertiser_can_neither_suspend_itself_nor_lift_its_suspension(AdvertiserStatus from,
            AdvertiserStatus to) {
        Advertiser before = advertiserIn(from);

        assertThat(kindOf(before.changeStatus(to, Actor.tenant(before.id()), LATER)))
                .isEqualTo(Rejection.Kind.FORBIDDEN);
    }

    @ParameterizedTest
    @EnumSource(AdvertiserStatus.class)
    void asking_for_the_current_status_answers_the_same_instance(AdvertiserStatus status) {
        Advertiser advertiser = advertiserIn(status);

        assertThat(advertiser.changeStatus(status, Actor.ADMIN, LATER).orElseThrow()).isSameAs(advertiser);
        assertThat(advertiser.changeStatus(status, Actor.tenant(advertiser.id()), LATER).orElseThrow())
                .isSameAs(advertiser);
    }

    @Test
    void a_change_advances_the_version_even_when_the_clock_stands_still() {
        Advertiser advertiser = TestData.anAdvertiser();

        Advertiser paused = advertiser.changeStatus(PAUSED, Actor.ADMIN, advertiser.updatedAt()).orElseThrow();

        assertThat(paused.updatedAt()).isAfter(advertiser.updatedAt());
    }

    static Advertiser advertiserIn(AdvertiserStatus status) {
        Advertiser advertiser = TestData.anAdvertiser();
        return new Advertiser(advertiser.id(), advertiser.userId(), advertiser.defaultPayment(), status,
                advertiser.createdAt(), advertiser.updatedAt());
    }
}
