package io.promo.domain.conversion;

import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.TargetEntityType;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.serving.Viewer;
import io.promo.domain.shared.AcceptedInput;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.IdPrefix;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.Violation;
import io.promo.domain.shared.Violations;
import io.promo.domain.traffic.ClientHasher;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Use case: the marketplace reports a conversion ({@code POST /v1/conversions}; ADR 0035). Checks it, then hands it to
 * the {@link ConversionLog}, which attributes it by {@link AttributionPolicy} and records it once per id.
 *
 * <p>Answers: recorded (attributed to a click or not, with the reason); the same id with the same content again is
 * the stored answer, nothing written; the same id with another type, value, time or subject is a conflict (409).
 * Refused with every broken field named, nothing written: a malformed field (400: an id, type or currency of the
 * wrong form, a negative value, no time); a type the deployment does not know, a value without the deployment's
 * currency, a time in the future or before the click it names, both or neither of a click id and a viewer (422).
 */
public final class RecordConversion {

    /** The largest value one conversion may carry: 10 billion units of the currency. */
    public static final long MAX_VALUE_CENTS = 1_000_000_000_000L;

    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");

    private final ConversionLog log;
    private final ClientHasher hasher;
    private final ConversionSettings settings;
    private final AttributionPolicy policy;
    private final Clock clock;

    public RecordConversion(ConversionLog log, ClientHasher hasher, ConversionSettings settings, BudgetCalendar calendar,
            Clock clock) {
        this.log = log;
        this.hasher = hasher;
        this.settings = settings;
        this.policy = new AttributionPolicy(settings.clickWindow(), calendar);
        this.clock = clock;
    }

    public ConversionSettings settings() {
        return settings;
    }

    public Outcome<ConversionRecorded> record(RecordConversionCommand command) {
        Objects.requireNonNull(command, "command");
        Instant now = clock.instant();
        Violations violations = new Violations();
        checkForm(command, violations);
        if (!violations.isEmpty()) {
            return Outcome.invalid(violations.list());
        }
        ConversionType type = new ConversionType(command.type());
        violations.require(settings.types().contains(type), "type",
                "is not a conversion type of this deployment: one of " + settings.typeList() + " (got '" + command.type() + "')");
        checkCurrency(command, violations);
        violations.require(!command.occurredAt().isAfter(now.plus(ConversionSettings.CLOCK_SKEW)), "occurred_at",
                "must not be in the future (got " + command.occurredAt() + ", now is " + now + ")");
        Optional<ConversionSubject> subject = subject(command, violations);
        if (!violations.isEmpty()) {
            return Outcome.invalid(violations.list());
        }
        ConversionToRecord conversion = new ConversionToRecord(new ConversionId(command.conversionId()), type,
                Optional.ofNullable(command.valueCents()).map(Money::ofCents), command.occurredAt(), now,
                subject.orElseThrow(), hasher.conversionSubject(describe(subject.get())));
        ConversionLogged logged = log.record(conversion, policy);
        if (logged instanceof ConversionLogged.Recorded recorded) {
            return Outcome.accepted(new ConversionRecorded(recorded.conversion(), false));
        }
        if (logged instanceof ConversionLogged.BeforeClick before) {
            return Outcome.invalid(List.of(new Violation("occurred_at", "is before the click it names (clicked at "
                    + before.clickedAt() + ", got " + conversion.occurredAt() + ")")));
        }
        Conversion stored = ((ConversionLogged.AlreadyRecorded) logged).conversion();
        List<String> differences = stored.differencesFrom(conversion);
        if (differences.isEmpty()) {
            return Outcome.accepted(new ConversionRecorded(stored, true));
        }
        return Outcome.rejected(Rejection.conflict("conversion_id " + conversion.id() + " was recorded with another "
                + String.join(", ", differences) + "; a conversion is recorded once and never changed"));
    }

    /** What the document requires of each field alone (400 when broken). */
    private static void checkForm(RecordConversionCommand command, Violations violations) {
        violations.requireForm(ConversionId.isWellFormed(command.conversionId()), "conversion_id",
                command.conversionId() == null ? "is required"
                        : "is 1 to " + ConversionId.MAX_LENGTH + " letters, digits and _ . : = - (got '" + command.conversionId() + "')");
        violations.requireForm(ConversionType.isWellFormed(command.type()), "type",
                command.type() == null ? "is required" : "is a lower-case code such as inquiry or booking (got '" + command.type() + "')");
        if (command.valueCents() != null) {
            violations.requireForm(command.valueCents() >= 0 && command.valueCents() <= MAX_VALUE_CENTS, "value_cents",
                    "must be 0 to " + MAX_VALUE_CENTS + " cents (got " + command.valueCents() + ")");
        }
        if (command.currency() != null) {
            violations.requireForm(CURRENCY.matcher(command.currency()).matches(), "currency",
                    "is an ISO 4217 code of three letters (got '" + command.currency() + "')");
        }
        if (command.occurredAt() == null) {
            violations.requireForm(false, "occurred_at", "is required: when the conversion happened (RFC 3339)");
        } else {
            AcceptedInput.instantProblem(command.occurredAt()).ifPresent(problem -> violations.requireForm(false, "occurred_at", problem));
        }
        if (command.clickId() != null) {
            violations.requireForm(IdPrefix.EVENT.matches(command.clickId()), "click_id",
                    "is the event_id a click was answered with, pevt_… (got '" + command.clickId() + "')");
        }
    }

    private void checkCurrency(RecordConversionCommand command, Violations violations) {
        if (command.valueCents() != null && command.currency() == null) {
            violations.add("currency", "is required with value_cents: " + settings.currency().toUpperCase(Locale.ROOT));
        }
        if (command.currency() != null) {
            violations.require(command.currency().toLowerCase(Locale.ROOT).equals(settings.currency()), "currency",
                    "must be this deployment's currency, " + settings.currency().toUpperCase(Locale.ROOT) + " (got '"
                            + command.currency() + "')");
        }
    }

    /** The click, or the viewer on the entity; exactly one of the two. */
    private Optional<ConversionSubject> subject(RecordConversionCommand command, Violations violations) {
        boolean viewerGiven = command.userId() != null || command.anonymousFingerprint() != null;
        boolean entityGiven = command.entityType() != null || command.entityId() != null;
        if (command.clickId() != null) {
            if (viewerGiven || entityGiven) {
                violations.add("click_id", "give a click_id, or a viewer with the entity converted on, not both");
                return Optional.empty();
            }
            return Optional.of(new ConversionSubject.Click(new EventId(command.clickId())));
        }
        if (!viewerGiven && !entityGiven) {
            violations.add("click_id", "is required, unless a viewer and the entity converted on are given");
            return Optional.empty();
        }
        List<Violation> viewerProblems = Viewer.problems(command.userId(), command.anonymousFingerprint());
        violations.addAll(viewerProblems);
        Optional<TargetEntity> entity = entity(command, violations);
        if (!viewerProblems.isEmpty() || entity.isEmpty()) {
            return Optional.empty();
        }
        String viewerKey = command.userId() != null ? command.userId() : hasher.fingerprint(command.anonymousFingerprint());
        return Optional.of(new ConversionSubject.ViewerOnEntity(viewerKey, entity.get()));
    }

    private static Optional<TargetEntity> entity(RecordConversionCommand command, Violations violations) {
        Optional<TargetEntityType> type = Arrays.stream(TargetEntityType.values())
                .filter(candidate -> candidate.code().equals(command.entityType())).findFirst();
        if (type.isEmpty()) {
            violations.add("entity_type", "is required with a viewer: one of " + Arrays.stream(TargetEntityType.values())
                    .map(TargetEntityType::code).toList() + " (got " + (command.entityType() == null ? "nothing"
                    : "'" + command.entityType() + "'") + ")");
            return Optional.empty();
        }
        if (!type.get().idPrefix().matches(command.entityId())) {
            violations.add("entity_id", "is required with a viewer: a " + type.get().code() + " id starts with '"
                    + type.get().idPrefix().prefix() + "_' (got " + (command.entityId() == null ? "nothing"
                    : "'" + command.entityId() + "'") + ")");
            return Optional.empty();
        }
        return Optional.of(new TargetEntity(type.get(), command.entityId()));
    }

    private static String describe(ConversionSubject subject) {
        return subject instanceof ConversionSubject.Click click ? "click:" + click.clickId().value()
                : "viewer:" + ((ConversionSubject.ViewerOnEntity) subject).viewerKey() + "|"
                        + ((ConversionSubject.ViewerOnEntity) subject).entity().type().code() + ":"
                        + ((ConversionSubject.ViewerOnEntity) subject).entity().id();
    }
}
