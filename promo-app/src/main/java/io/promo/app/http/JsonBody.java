package io.promo.app.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.servlet.MaxRequestSize;
import io.promo.domain.shared.AcceptedInput;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Violation;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A request's JSON object, read field by field. Each accessor records a {@link Violation} naming the field
 * (as the seed names the column) instead of throwing, so one answer lists every broken field;
 * {@link #throwIfInvalid()} then ends the request with 400 before any use case has run. Unknown fields are
 * refused too: a misspelt {@code daily_budget} must not be silently ignored. Every string and date is held to
 * {@link AcceptedInput}: no NUL, valid Unicode, years 2000 to 9999. An explicit {@code null} is refused like a value
 * of another type, except in the fields a route declares it answers itself ({@link #allowNull}: the schema's nullable
 * ones, a PATCH's clearable ones); there an optional accessor reads it as left out.
 */
final class JsonBody {

    /** The largest body read into an array of its declared length (a decision request is about 6 KiB). */
    private static final int EXACT_READ_MAX_BYTES = 64 * 1024;

    private final ObjectNode object;
    private final String prefix;
    private final List<Violation> violations;
    /** The fields in which an explicit null is the route's to answer ({@link #allowNull}). */
    private final Set<String> nullable = new HashSet<>();

    private JsonBody(ObjectNode object, String prefix, List<Violation> violations) {
        this.object = object;
        this.prefix = prefix;
        this.violations = violations;
    }

    /** The request body as a JSON object: 400 when it is missing, malformed or not an object; 415 when not JSON. */
    static JsonBody of(Context ctx) throws IOException {
        String type = ctx.contentType();
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw ApiProblem.of(415, "send the body as application/json (got " + type + ")");
        }
        byte[] raw = bodyBytes(ctx);
        if (raw.length == 0) {
            throw ApiProblem.badRequest("a JSON object body is required");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw ApiProblem.badRequest("the body could not be read: " + e.getMessage());
        } catch (NumberFormatException e) {
            // A decimal whose exponent is beyond any BigDecimal's (10E2147483648): refused, naming its field.
            throw InvalidCommandException.of(fieldOfUnreadableNumber(raw), "is far too large");
        }
        if (node == null || !node.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object");
        }
        return new JsonBody((ObjectNode) node, "", new ArrayList<>());
    }

    /**
     * The body as Javalin's {@code ctx.bodyAsBytes()} reads it, but into one array of the declared length when that is
     * small: Javalin's reading allocates an 8 KiB buffer and a growing copy, then copies once more (about 30 KiB for a
     * 6 KiB decision request, docs/benchmarks.md). Anything else is left to Javalin: a chunked body, one declared over
     * the size limit (which Javalin refuses with 413), and a large one, whose array is not allocated before its bytes
     * arrive (a client declaring the limit on many connections and sending nothing would hold that much memory each).
     */
    private static byte[] bodyBytes(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared < 0 || declared > EXACT_READ_MAX_BYTES
                || declared > ctx.appData(MaxRequestSize.INSTANCE.getMaxRequestSizeKey())) {
            return ctx.bodyAsBytes();
        }
        byte[] raw = new byte[(int) declared];
        int read = ctx.req().getInputStream().readNBytes(raw, 0, raw.length);
        return read == raw.length ? raw : Arrays.copyOf(raw, read);
    }

    /** Records an "unknown field" violation for every field not in {@code known}. */
    JsonBody allowOnly(String... known) {
        Set<String> allowed = new LinkedHashSet<>(Arrays.asList(known));
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                violations.add(new Violation(prefix + name, "is not a field of this request (expected one of "
                        + String.join(", ", allowed) + ")"));
            }
        }
        return this;
    }

    boolean has(String field) {
        return object.has(field);
    }

    /** Present with an explicit {@code null}: in a PATCH, "clear it". */
    boolean isNull(String field) {
        return object.has(field) && object.get(field).isNull();
    }

    /**
     * Declares {@code fields} as ones whose explicit {@code null} the route answers itself: the schema's nullable
     * fields (read as left out) and a PATCH's clearable ones ({@link #isNull}). Everywhere else a null is refused.
     */
    JsonBody allowNull(String... fields) {
        nullable.addAll(Arrays.asList(fields));
        return this;
    }

    /**
     * The field's value; null when it is left out, or when it is an explicit null in a field that allows one. An
     * explicit null elsewhere is a violation (and reads as left out, so that nothing else is said about the field).
     */
    private JsonNode present(String field) {
        JsonNode node = object.get(field);
        if (node != null && node.isNull()) {
            if (!nullable.contains(field)) {
                reject(field, "must not be null");
            }
            return null;
        }
        return node;
    }

    /** Left out or null: a required field says "is required", whatever the route allows. */
    private boolean missing(String field) {
        if (object.hasNonNull(field)) {
            return false;
        }
        reject(field, "is required");
        return true;
    }

    void reject(String field, String message) {
        violations.add(new Violation(prefix + field, message));
    }

    String text(String field) {
        return missing(field) ? null : optionalText(field).orElse(null);
    }

    Optional<String> optionalText(String field) {
        JsonNode node = present(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            reject(field, "must be a string (got " + describe(node) + ")");
            return Optional.empty();
        }
        Optional<String> problem = AcceptedInput.textProblem(node.textValue());
        if (problem.isPresent()) {
            reject(field, problem.get());
            return Optional.empty();
        }
        return Optional.of(node.textValue());
    }

    /** A required string turned into a domain value by {@code parser}, whose own violations are kept. */
    <T> T parsed(String field, BiFunction<String, String, T> parser) {
        String raw = text(field);
        return raw == null ? null : parse(field, raw, parser);
    }

    <T> Optional<T> optionalParsed(String field, BiFunction<String, String, T> parser) {
        return optionalText(field).map(raw -> parse(field, raw, parser));
    }

    Long wholeNumber(String field) {
        return missing(field) ? null : optionalWholeNumber(field).orElse(null);
    }

    /**
     * An integer, in any spelling JSON Schema's {@code integer} accepts ({@code 60}, {@code 60.0}, {@code 6e1}: the
     * API document is OpenAPI 3.1); a fraction, however small, a string or a number beyond ±2⁶³ is a violation, never
     * a rounding. Exact because {@link Json#MAPPER} reads every decimal as a {@link BigDecimal}.
     */
    Optional<Long> optionalWholeNumber(String field) {
        JsonNode node = present(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            reject(field, "must be a whole number (got " + describe(node) + ")");
            return Optional.empty();
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                reject(field, "is far too large (got " + node.asText() + ")");
                return Optional.empty();
            }
            return Optional.of(node.longValue());
        }
        try {
            OptionalLong whole = wholeValue(node.decimalValue());
            if (whole.isEmpty()) {
                reject(field, "must be a whole number (got a fraction)");
                return Optional.empty();
            }
            return Optional.of(whole.getAsLong());
        } catch (ArithmeticException e) {
            reject(field, "is far too large");
            return Optional.empty();
        }
    }

    /** The field (as {@code a.b} for a nested one) whose number no {@link BigDecimal} can hold; else {@code body}. */
    private static String fieldOfUnreadableNumber(byte[] raw) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(raw)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                    try {
                        new BigDecimal(parser.getText());
                    } catch (NumberFormatException e) {
                        return parser.getParsingContext().pathAsPointer().toString().substring(1).replace('/', '.');
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the first parse read this far already: nothing else to find
        }
        return "body";
    }

    /**
     * The whole number {@code value} is, exactly, in any spelling ({@code 60}, {@code 60.0}, {@code 6e1}), or empty for
     * a fraction however small ({@code 60.0000000000000001}); an {@link ArithmeticException} beyond a {@code long}.
     * Decided from the count of digits before the point, in {@code long} arithmetic, before anything is scaled: a
     * decimal keeps its exponent unexpanded ({@code 10E2147483648} is two digits and a scale), and the JDK's own
     * conversions overflow an {@code int} on such scales or expand them digit by digit.
     */
    static OptionalLong wholeValue(BigDecimal value) {
        if (value.signum() == 0) {
            return OptionalLong.of(0);
        }
        long digitsBeforePoint = (long) value.precision() - value.scale();
        if (digitsBeforePoint > 19) {
            throw new ArithmeticException("beyond a long");
        }
        if (digitsBeforePoint <= 0) {
            return OptionalLong.empty(); // 0 < |value| < 1
        }
        // Here the scale lies between -18 and the digits written: stripping and converting are cheap.
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() > 0 ? OptionalLong.empty() : OptionalLong.of(stripped.longValueExact());
    }

    /** An {@code int}-sized whole number, such as a count. */
    Integer count(String field) {
        Long value = wholeNumber(field);
        if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            reject(field, "is far too large (got " + value + ")");
            return null;
        }
        return value == null ? null : value.intValue();
    }

    Optional<Integer> optionalCount(String field) {
        return present(field) == null ? Optional.empty() : Optional.ofNullable(count(field));
    }

    Optional<LocalDate> optionalDate(String field) {
        return optionalText(field).flatMap(raw -> {
            Optional<LocalDate> date = Dates.parse(raw);
            if (date.isEmpty()) {
                reject(field, "must be a date such as 2026-12-31 (got '" + raw + "')");
                return Optional.empty();
            }
            Optional<String> problem = AcceptedInput.dateProblem(date.get());
            problem.ifPresent(message -> reject(field, message));
            return problem.isPresent() ? Optional.empty() : date;
        });
    }

    LocalDate date(String field) {
        return missing(field) ? null : optionalDate(field).orElse(null);
    }

    List<String> texts(String field) {
        return missing(field) ? null : optionalTexts(field).orElse(null);
    }

    /** An array of strings; any other element is a violation. (Its size is the domain's rule to check.) */
    Optional<List<String>> optionalTexts(String field) {
        JsonNode node = present(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            reject(field, "must be an array of strings (got " + describe(node) + ")");
            return Optional.empty();
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                reject(field, "must hold only strings (got " + describe(item) + ")");
                return Optional.empty();
            }
            Optional<String> problem = AcceptedInput.textProblem(item.textValue());
            if (problem.isPresent()) {
                reject(field, problem.get());
                return Optional.empty();
            }
            values.add(item.textValue());
        }
        return Optional.of(values);
    }

    /** An array of strings, each turned into a domain value by {@code parser} (its violations are kept). */
    <T> Optional<List<T>> optionalParsedTexts(String field, BiFunction<String, String, T> parser) {
        return optionalTexts(field).map(raws -> {
            List<T> values = new ArrayList<>(raws.size());
            for (String raw : raws) {
                T value = parse(field, raw, parser);
                if (value != null) {
                    values.add(value);
                }
            }
            return values;
        });
    }

    <T> List<T> parsedTexts(String field, BiFunction<String, String, T> parser) {
        return missing(field) ? null : optionalParsedTexts(field, parser).orElse(null);
    }

    /** A nested object, read with the same rules; its fields are reported as {@code field.name}. */
    Optional<JsonBody> optionalObject(String field) {
        JsonNode node = present(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            reject(field, "must be an object (got " + describe(node) + ")");
            return Optional.empty();
        }
        return Optional.of(new JsonBody((ObjectNode) node, prefix + field + ".", violations));
    }

    /**
     * An array of objects, each read with the same rules; an element's fields are reported as {@code field[i].name}.
     * Empty when the field is absent or null.
     */
    Optional<List<JsonBody>> optionalObjects(String field) {
        JsonNode node = present(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            reject(field, "must be an array of objects (got " + describe(node) + ")");
            return Optional.empty();
        }
        List<JsonBody> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                reject(field + "[" + i + "]", "must be an object (got " + describe(item) + ")");
                continue;
            }
            items.add(new JsonBody((ObjectNode) item, prefix + field + "[" + i + "].", violations));
        }
        return Optional.of(items);
    }

    JsonBody object(String field) {
        return missing(field) ? null : optionalObject(field).orElse(null);
    }

    boolean valid() {
        return violations.isEmpty();
    }

    /** Ends the request with 400 and every violation found so far, if there is one. */
    void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw new InvalidCommandException(List.copyOf(violations));
        }
    }

    private <T> T parse(String field, String raw, BiFunction<String, String, T> parser) {
        try {
            return parser.apply(prefix + field, raw);
        } catch (InvalidCommandException e) {
            violations.addAll(e.violations());
            return null;
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
