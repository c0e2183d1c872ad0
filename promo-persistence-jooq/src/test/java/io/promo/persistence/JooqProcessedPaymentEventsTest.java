package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.funding.ProcessedPaymentEvent;
import io.promo.domain.funding.ProcessedPaymentEvents;
import io.promo.domain.funding.ProcessedPaymentEventsContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JooqProcessedPaymentEventsTest extends ProcessedPaymentEventsContract {

    @Override
    protected ProcessedPaymentEvents events() {
        return PostgresFixture.repositories().processedPaymentEvents();
    }

    @Override
    protected void emptyStorage() {
        PostgresFixture.emptyDatabase();
    }

    /** I5: a processed event is a fact; the database refuses to change or remove it, whoever asks. */
    @ParameterizedTest
    @ValueSource(strings = {
        "update promo_stripe_webhook_event set result = 'ignored'",
        "delete from promo_stripe_webhook_event",
        "truncate promo_stripe_webhook_event"
    })
    void a_processed_event_cannot_be_changed_or_removed(String statement) {
        events().markProcessed(new ProcessedPaymentEvent("evt_1", "charge.refunded",
                ProcessedPaymentEvent.Result.APPLIED, Optional.of("refund re_1"), Instant.parse("2026-11-27T10:00:00Z")));

        assertThatThrownBy(() -> {
            try (Connection connection = TestDatabase.dataSource().getConnection();
                 Statement sql = connection.createStatement()) {
                sql.execute(statement);
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("is append-only");
    }
}
