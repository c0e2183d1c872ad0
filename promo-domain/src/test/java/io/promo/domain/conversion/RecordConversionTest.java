package io.promo.domain.conversion;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.Violation;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.traffic.ClickLogged;
import io.promo.domain.traffic.ClientHasher;
import io.promo.domain.traffic.TrafficContractSupport;
import io.promo.domain.traffic.TrafficStores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The use case: what a conversion must say, how replays are answered, what is written (ADR 0035). */
class RecordConversionTest extends TrafficContractSupport {

    private static final ClientHasher HASHER = new ClientHasher("a hash secret of at least 32 bytes!!".getBytes(StandardCharsets.UTF_8));

    private InMemoryConversionLog log;
    private RecordConversion recordConversion;
    private ClickLogged click;

    @Override
    protected TrafficStores stores() {
        TrafficStores stores = TrafficStores.inMemory();
        log = (InMemoryConversionLog) stores.conversions();
        return stores;
    }

    @BeforeEach
    void a_billed_click() {
        MutableClock clock = new MutableClock(NOW.plus(Duration.ofHours(1)));
        recordConversion = new RecordConversion(log, HASHER,
                new ConversionSettings(Set.of(new ConversionType("quote_request")), Duration.ofDays(7), "usd"),
                BudgetCalendar.UTC, clock);
        click = logClick(newImpression(), aViewer(), NOW);
    }

    private RecordConversionCommand booking() {
        return new RecordConversionCommand("bk-1", "booking", 12_000L, "USD", NOW.plusSeconds(600),
                click.event().eventId().value(), null, null, null, null);
    }

    @Test
    void a_booking_on_a_billed_click_is_recorded_and_credited_to_its_campaign() {
        ConversionRecorded recorded = accepted(recordConversion.record(booking()));

        assertThat(recorded.replay()).isFalse();
        assertThat(recorded.conversion().attribution()).isInstanceOf(Attribution.Attributed.class);
        assertThat(((Attribution.Attributed) recorded.conversion().attribution()).campaignId()).isEqualTo(campaign.id());
        assertThat(log.conversions()).hasSize(1);
    }

    @Test
    void a_deployment_configured_type_is_accepted() {
        RecordConversionCommand quote = new RecordConversionCommand("q-1", "quote_request", null, null,
                NOW.plusSeconds(600), click.event().eventId().value(), null, null, null, null);

        assertThat(accepted(recordConversion.record(quote)).conversion().type()).isEqualTo(new ConversionType("quote_request"));
    }

    @Test
    void the_same_conversion_again_is_the_same_answer_and_nothing_is_written() {
        ConversionRecorded first = accepted(recordConversion.record(booking()));

        ConversionRecorded again = accepted(recordConversion.record(booking()));

        assertThat(again.replay()).isTrue();
        assertThat(again.conversion()).isEqualTo(first.conversion());
        assertThat(log.conversions()).hasSize(1);
    }

    static Stream<Arguments> replays_that_differ() {
        return Stream.of(
                Arguments.of("another value", (UnaryOperator<RecordConversionCommand>) c -> new RecordConversionCommand(
                        c.conversionId(), c.type(), 13_000L, c.currency(), c.occurredAt(), c.clickId(), null, null, null, null), "value_cents"),
                Arguments.of("another type", (UnaryOperator<RecordConversionCommand>) c -> new RecordConversionCommand(
                        c.conversionId(), "inquiry", c.valueCents(), c.currency(), c.occurredAt(), c.clickId(), null, null, null, null), "type"),
                Arguments.of("no value", (UnaryOperator<RecordConversionCommand>) c -> new RecordConversionCommand(
                        c.conversionId(), c.type(), null, null, c.occurredAt(), c.clickId(), null, null, null, null), "value_cents"),
                Arguments.of("another time", (UnaryOperator<RecordConversionCommand>) c -> new RecordConversionCommand(
                        c.conversionId(), c.type(), c.valueCents(), c.currency(), c.occurredAt().plusSeconds(1), c.clickId(), null, null, null, null), "occurred_at"),
                Arguments.of("a viewer instead of the click", (UnaryOperator<RecordConversionCommand>) c -> new RecordConversionCommand(
                        c.conversionId(), c.type(), c.valueCents(), c.currency(), c.occurredAt(), null, "usr_x", null,
                        "service_profile", "srv_x"), "viewer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void replays_that_differ(String what, UnaryOperator<RecordConversionCommand> change, String field) {
        accepted(recordConversion.record(booking()));

        Outcome<ConversionRecorded> replay = recordConversion.record(change.apply(booking()));

        assertThat(replay).isInstanceOf(Outcome.Rejected.class);
        Rejection rejection = ((Outcome.Rejected<ConversionRecorded>) replay).rejection();
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
        assertThat(rejection.detail()).contains("bk-1").contains(field);
        assertThat(log.conversions()).hasSize(1);
    }

    static Stream<Arguments> bad_conversions() {
        Instant at = NOW.plusSeconds(600);
        String click = "pevt_0000000000000000000000000";
        return Stream.of(
                // field, form (400) or rule (422), the command
                Arguments.of("conversion_id", true, new RecordConversionCommand(null, "booking", null, null, at, click, null, null, null, null)),
                Arguments.of("conversion_id", true, new RecordConversionCommand("has space", "booking", null, null, at, click, null, null, null, null)),
                Arguments.of("type", true, new RecordConversionCommand("c", "Booking!", null, null, at, click, null, null, null, null)),
                Arguments.of("type", false, new RecordConversionCommand("c", "purchase", null, null, at, click, null, null, null, null)),
                Arguments.of("value_cents", true, new RecordConversionCommand("c", "booking", -1L, "USD", at, click, null, null, null, null)),
                Arguments.of("currency", false, new RecordConversionCommand("c", "booking", 100L, null, at, click, null, null, null, null)),
                Arguments.of("currency", false, new RecordConversionCommand("c", "booking", 100L, "EUR", at, click, null, null, null, null)),
                Arguments.of("currency", true, new RecordConversionCommand("c", "booking", 100L, "dollars", at, click, null, null, null, null)),
                Arguments.of("occurred_at", true, new RecordConversionCommand("c", "booking", null, null, null, click, null, null, null, null)),
                Arguments.of("occurred_at", false, new RecordConversionCommand("c", "booking", null, null,
                        NOW.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(2)), click, null, null, null, null)),
                Arguments.of("click_id", true, new RecordConversionCommand("c", "booking", null, null, at, "pcmp_x", null, null, null, null)),
                Arguments.of("click_id", false, new RecordConversionCommand("c", "booking", null, null, at, null, null, null, null, null)),
                Arguments.of("click_id", false, new RecordConversionCommand("c", "booking", null, null, at, click, "usr_1", null,
                        "service_profile", "srv_1")),
                Arguments.of("viewer", false, new RecordConversionCommand("c", "booking", null, null, at, null, "usr_1", "fp",
                        "service_profile", "srv_1")),
                Arguments.of("entity_type", false, new RecordConversionCommand("c", "booking", null, null, at, null, "usr_1", null,
                        "shop", "srv_1")),
                Arguments.of("entity_id", false, new RecordConversionCommand("c", "booking", null, null, at, null, "usr_1", null,
                        "service_profile", "std_1")));
    }

    @ParameterizedTest(name = "{0}, form {1}: {2}")
    @MethodSource
    void bad_conversions(String field, boolean form, RecordConversionCommand command) {
        Outcome<ConversionRecorded> outcome = recordConversion.record(command);

        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        Rejection rejection = ((Outcome.Rejected<ConversionRecorded>) outcome).rejection();
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(rejection.violations()).extracting(Violation::field).contains(field);
        assertThat(rejection.breaksForm()).isEqualTo(form);
        assertThat(log.conversions()).isEmpty();
    }

    @Test
    void a_conversion_dated_before_its_click_is_refused_naming_occurred_at_and_writes_nothing() {
        RecordConversionCommand early = new RecordConversionCommand("bk-1", "booking", null, null, NOW.minus(Duration.ofMinutes(5)),
                click.event().eventId().value(), null, null, null, null);

        Outcome<ConversionRecorded> outcome = recordConversion.record(early);

        Rejection rejection = ((Outcome.Rejected<ConversionRecorded>) outcome).rejection();
        assertThat(rejection.violations()).extracting(Violation::field).containsExactly("occurred_at");
        assertThat(rejection.breaksForm()).isFalse();
        assertThat(log.conversions()).isEmpty();
    }

    @Test
    void a_viewer_on_the_entity_is_matched_to_their_billed_click_and_their_id_is_not_kept() {
        RecordConversionCommand byViewer = new RecordConversionCommand("inq-1", "inquiry", null, null, NOW.plusSeconds(600),
                null, click.event().userId().orElseThrow().value(), null, "service_profile", campaign.target().id());

        ConversionRecorded recorded = accepted(recordConversion.record(byViewer));

        assertThat(((Attribution.Attributed) recorded.conversion().attribution()).clickId()).isEqualTo(click.event().eventId());
        assertThat(recorded.conversion().toString()).doesNotContain(click.event().userId().get().value());
    }

    private static ConversionRecorded accepted(Outcome<ConversionRecorded> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        return ((Outcome.Accepted<ConversionRecorded>) outcome).value();
    }
}
