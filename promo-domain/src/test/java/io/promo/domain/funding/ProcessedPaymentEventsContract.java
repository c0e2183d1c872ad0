package io.promo.domain.funding;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.testing.Race;
import io.promo.domain.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ProcessedPaymentEvents} must do; run against the fake and the PostgreSQL adapter. */
public abstract class ProcessedPaymentEventsContract {

    protected abstract ProcessedPaymentEvents events();

    /** Adapters with shared storage empty it here; a fake made per test has nothing to do. */
    protected void emptyStorage() {
    }

    @BeforeEach
    void start_from_empty_storage() {
        emptyStorage();
    }

    private static ProcessedPaymentEvent event(String id, ProcessedPaymentEvent.Result result, String detail) {
        return new ProcessedPaymentEvent(id, "payment_intent.succeeded", result, Optional.ofNullable(detail),
                TestData.NOW);
    }

    @Test
    void a_stored_event_is_found_with_every_field() {
        ProcessedPaymentEvent stored = event("evt_1", ProcessedPaymentEvent.Result.APPLIED, "top-up pi_1: topup 500");
        ProcessedPaymentEvent bare = new ProcessedPaymentEvent("evt_2", "customer.created",
                ProcessedPaymentEvent.Result.IGNORED, Optional.empty(), TestData.NOW.plusSeconds(1));

        assertThat(events().markProcessed(stored)).isTrue();
        assertThat(events().markProcessed(bare)).isTrue();

        assertThat(events().find("evt_1")).contains(stored);
        assertThat(events().find("evt_2")).contains(bare);
        assertThat(events().find("evt_unknown")).isEmpty();
    }

    @Test
    void an_event_id_is_stored_once_and_the_first_record_stays() {
        ProcessedPaymentEvent first = event("evt_1", ProcessedPaymentEvent.Result.APPLIED, "first");

        assertThat(events().markProcessed(first)).isTrue();
        assertThat(events().markProcessed(event("evt_1", ProcessedPaymentEvent.Result.UNMATCHED, "second"))).isFalse();

        assertThat(events().find("evt_1")).contains(first);
    }

    @Test
    void of_concurrent_deliveries_of_one_event_exactly_one_stores_it() throws Exception {
        List<Callable<Boolean>> deliveries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String detail = "delivery " + i;
            deliveries.add(() -> events().markProcessed(event("evt_race", ProcessedPaymentEvent.Result.APPLIED, detail)));
        }

        List<Boolean> stored = Race.run(deliveries);

        assertThat(stored).containsOnlyOnce(true);
        assertThat(events().find("evt_race")).isPresent();
    }
}
