package io.promo.domain.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.shared.UserId;
import io.promo.domain.testing.Race;
import io.promo.domain.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EntityOwners} must do; run against the fake and the PostgreSQL adapter. */
public abstract class EntityOwnersContract {

    private static final UserId LENA = new UserId("usr_lena");
    private static final UserId MARCO = new UserId("usr_marco");

    protected abstract EntityOwners owners();

    /** Adapters with shared storage empty it here; a fake made per test has nothing to do. */
    protected void emptyStorage() {
    }

    @BeforeEach
    void start_from_empty_storage() {
        emptyStorage();
    }

    @Test
    void an_entity_nobody_registered_has_no_owner() {
        assertThat(owners().ownerOf(TestData.aServiceProfile())).isEmpty();
    }

    @Test
    void a_registered_owner_is_found_and_a_new_registration_replaces_it() {
        TargetEntity photo = TestData.aServiceProfile();
        TargetEntity studio = TestData.aStudio();

        owners().register(photo, LENA);
        owners().register(studio, MARCO);
        owners().register(photo, MARCO);

        assertThat(owners().ownerOf(photo)).contains(MARCO);
        assertThat(owners().ownerOf(studio)).contains(MARCO);
    }

    @Test
    void an_entity_is_told_apart_by_its_type_as_well_as_its_id() {
        TargetEntity photo = TestData.aServiceProfile();

        owners().register(photo, LENA);

        assertThat(owners().ownerOf(new TargetEntity(TargetEntityType.STUDIO, "std_" + photo.id().substring(4))))
                .isEmpty();
    }

    @Test
    void a_claim_records_the_first_claimant_and_never_overrides_an_owner() {
        TargetEntity claimed = TestData.aServiceProfile();
        TargetEntity registered = TestData.aServiceProfile();
        owners().register(registered, LENA);

        assertThat(owners().claim(claimed, MARCO)).isEqualTo(MARCO);
        assertThat(owners().claim(claimed, LENA)).isEqualTo(MARCO);
        assertThat(owners().claim(registered, MARCO)).isEqualTo(LENA);
        assertThat(owners().ownerOf(claimed)).contains(MARCO);
        assertThat(owners().ownerOf(registered)).contains(LENA);
    }

    @Test
    void of_simultaneous_claims_one_wins_and_every_claimant_is_told_the_same_owner() throws Exception {
        TargetEntity entity = TestData.aServiceProfile();
        List<Callable<UserId>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UserId claimant = new UserId("usr_claimant" + i);
            claims.add(() -> owners().claim(entity, claimant));
        }

        List<UserId> answers = Race.run(claims);

        assertThat(answers).containsOnly(answers.get(0));
        assertThat(owners().ownerOf(entity)).contains(answers.get(0));
    }
}
