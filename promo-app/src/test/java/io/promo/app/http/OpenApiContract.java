package io.promo.app.http;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * docs/api/openapi.yaml as a check of every exchange the HTTP tests make ({@link ApiClient} calls it for each
 * one), with Atlassian's swagger-request-validator. An exchange breaks the contract when:
 * <ul>
 *   <li>the answer's status is not declared on the operation, or its content type or body does not match
 *       what the document declares for that status;</li>
 *   <li>the server accepted (2xx) a request the document refuses (a schema, parameter, content type or
 *       security mismatch): the document promises clients a refusal there;</li>
 *   <li>the path is not in the document but the answer is not a 404 problem, or the path is in the document
 *       without the method and the answer is not a 405 problem whose {@code Allow} lists exactly the
 *       document's methods for that path.</li>
 * </ul>
 * A request the document refuses may be answered with any declared 4xx: the tests of bad input send such
 * requests on purpose. The reverse, a 400 for a request the document accepts, is allowed too: some rules are
 * prose only (the accepted text of every string, "exactly one of the two" viewer fields, an id's prefix).
 */
final class OpenApiContract {

    static final Path DOCUMENT = Path.of("..", "docs", "api", "openapi.yaml");

    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "PATCH", "DELETE");
    private static final String PATH_MISSING = "validation.request.path.missing";
    private static final String METHOD_NOT_ALLOWED = "validation.request.operation.notAllowed";

    /** Requests: {@code integer} as OpenAPI 3.1 reads it, so {@code 60.0} is one (what a client may send). */
    private final OpenApiInteractionValidator requests;
    /** Answers: {@code integer} only as written without a fraction (what promo writes, and holds itself to). */
    private final OpenApiInteractionValidator answers;

    private OpenApiContract(OpenApiInteractionValidator requests, OpenApiInteractionValidator answers) {
        this.requests = requests;
        this.answers = answers;
    }

    private static final class Holder {
        static final OpenApiContract DOCUMENTED = of(DOCUMENT);
    }

    /** The check of {@code document}; a document whose structure is broken (a misplaced field) is refused. */
    static OpenApiContract of(Path document) {
        return new OpenApiContract(validator(asOpenApi30(document, true)), validator(asOpenApi30(document, false)));
    }

    private static OpenApiInteractionValidator validator(String openApi30) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(openApi30)
                // Every finding is an error, unknown properties included: the library's default resolver ignores
                // them ("validation.schema.additionalProperties"), so an undocumented field in an answer would pass.
                .withLevelResolver(LevelResolver.create().withDefaultLevel(ValidationReport.Level.ERROR).build())
                .build();
    }

    /**
     * The document as OpenAPI 3.0, the version the validator checks schemas of: on a 3.1 document it reads no
     * {@code type} at all and lets any value through. Only the 3.1 constructs the document uses are rewritten,
     * each to its 3.0 equivalent (an {@code integer} included, whose meaning changed); any other 3.1-only construct
     * stops the tests rather than be checked loosely.
     */
    static String asOpenApi30(Path document) {
        return asOpenApi30(document, true);
    }

    /**
     * {@link #asOpenApi30(Path)}, with {@code integer} rewritten to its 3.1 meaning ({@code integersByValue}) or kept,
     * which the validator reads as JSON Schema draft 4 did: by how the number is written.
     */
    static String asOpenApi30(Path document, boolean integersByValue) {
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            ObjectNode root = (ObjectNode) yaml.readTree(document.toFile());
            if (!root.path("openapi").asText().startsWith("3.1.")) {
                throw new IllegalStateException(document + " is not OpenAPI 3.1: revisit asOpenApi30");
            }
            root.put("openapi", "3.0.3");
            ObjectNode info = (ObjectNode) root.get("info");
            info.remove("summary");
            if (info.get("license") instanceof ObjectNode license) {
                license.remove("identifier");
            }
            downgrade(root, root, "#", integersByValue);
            return yaml.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + document, e);
        }
    }

    private static void downgrade(JsonNode node, ObjectNode root, String where, boolean integersByValue) {
        if (node instanceof ObjectNode object) {
            if (object.has("allOf")) {
                mergeAllOf(object, root, where);
            }
            if (object.get("type") instanceof ArrayNode types) {
                List<String> named = new ArrayList<>();
                types.forEach(type -> named.add(type.asText()));
                boolean nullable = named.remove("null");
                if (named.size() != 1) {
                    throw new IllegalStateException(where + ": type " + types + " has no OpenAPI 3.0 equivalent");
                }
                object.put("type", named.get(0));
                if (nullable) {
                    object.put("nullable", true);
                }
            }
            if (integersByValue && "integer".equals(object.path("type").asText()) && !object.has("multipleOf")) {
                // JSON Schema 2020-12 (OpenAPI 3.1) counts 60.0 and 6e1 as integers; the validator reads integer as
                // draft 4 did, by how the number is written. The same meaning in its terms: a multiple of 1.
                object.put("type", "number");
                object.put("multipleOf", 1);
            }
            if (object.get("const") instanceof ValueNode constant) {
                object.remove("const");
                object.putArray("enum").add(constant);
            }
            for (String only31 : List.of("prefixItems", "unevaluatedProperties", "dependentRequired", "dependentSchemas",
                    "$defs", "exclusiveMinimum", "exclusiveMaximum")) {
                if (object.has(only31)) {
                    throw new IllegalStateException(where + ": " + only31 + " is not rewritten for the validator");
                }
            }
            object.fields().forEachRemaining(field -> downgrade(field.getValue(), root, where + "/" + field.getKey(),
                    integersByValue));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                downgrade(array.get(i), root, where + "/" + i, integersByValue);
            }
        }
    }

    /**
     * An {@code allOf} of object schemas as the one object schema it means. Checked part by part, the validator
     * would hold each part's properties as the only ones allowed (it refuses unknown properties, see
     * {@link Holder}), so no object could match all parts; merged, an unknown property is still refused.
     */
    private static void mergeAllOf(ObjectNode object, ObjectNode root, String where) {
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        ArrayNode required = JsonNodeFactory.instance.arrayNode();
        for (JsonNode part : object.get("allOf")) {
            JsonNode schema = part;
            if (part.has("$ref")) {
                String ref = part.get("$ref").asText();
                if (!ref.startsWith("#/components/schemas/")) {
                    throw new IllegalStateException(where + ": allOf with " + ref + " is not rewritten for the validator");
                }
                schema = root.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
            }
            Set<String> keywords = new TreeSet<>();
            schema.fieldNames().forEachRemaining(keywords::add);
            keywords.removeAll(Set.of("type", "required", "properties", "description"));
            if (!keywords.isEmpty() || !schema.path("type").asText("object").equals("object")) {
                throw new IllegalStateException(where + ": allOf of " + part + " is not rewritten for the validator");
            }
            schema.path("properties").fields().forEachRemaining(field -> properties.set(field.getKey(), field.getValue().deepCopy()));
            schema.path("required").forEach(name -> required.add(name.asText()));
        }
        object.remove("allOf");
        object.put("type", "object");
        object.set("required", required);
        object.set("properties", properties);
    }

    static OpenApiContract documented() {
        return Holder.DOCUMENTED;
    }

    /** One exchange as the client saw it. */
    record Exchange(String method, URI uri, Map<String, String> requestHeaders, byte[] requestBody,
            int status, HttpHeaders responseHeaders, byte[] responseBody) {

        @Override
        public String toString() {
            return method + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + (requestBody == null ? "" : " " + abbreviated(requestBody))
                    + " → " + status + " " + responseHeaders.firstValue("Content-Type").orElse("(no content type)")
                    + " " + abbreviated(responseBody);
        }

        private static String abbreviated(byte[] body) {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.length() > 400 ? text.substring(0, 400) + "…" : text;
        }
    }

    /** Throws an {@link AssertionError} naming every way the exchange breaks the document. */
    void check(Exchange exchange) {
        List<String> broken = problems(exchange);
        if (!broken.isEmpty()) {
            throw new AssertionError("the exchange breaks " + DOCUMENT + ":\n  " + String.join("\n  ", broken)
                    + "\nexchange: " + exchange);
        }
    }

    /** Every way the exchange breaks the document; empty when it holds. */
    List<String> problems(Exchange exchange) {
        Request request = request(exchange);
        ValidationReport requestReport = requests.validateRequest(request);
        Set<String> keys = keys(requestReport);
        String contentType = exchange.responseHeaders().firstValue("Content-Type").orElse("");
        boolean problem = contentType.startsWith(Problem.CONTENT_TYPE);
        List<String> broken = new ArrayList<>();
        if (keys.contains(PATH_MISSING)) {
            if (exchange.status() != 404 || !problem) {
                broken.add("a path the document does not describe must answer a 404 problem");
            }
            return broken;
        }
        if (keys.contains(METHOD_NOT_ALLOWED)) {
            Set<String> documented = documentedMethods(exchange);
            Set<String> allowed = exchange.responseHeaders().firstValue("Allow")
                    .map(allow -> Arrays.stream(allow.split(",")).map(String::trim).filter(method -> !method.isEmpty())
                            .collect(Collectors.toCollection(TreeSet::new)))
                    .orElse(new TreeSet<>());
            if (exchange.status() != 405 || !problem) {
                broken.add("a method the document does not describe on a known path must answer a 405 problem");
            }
            if (!allowed.equals(documented)) {
                broken.add("Allow " + allowed + " is not the document's methods of this path " + documented);
            }
            return broken;
        }
        ValidationReport responseReport = answers.validateResponse(request.getPath(), request.getMethod(),
                response(exchange));
        responseReport.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .forEach(message -> broken.add("answer: " + describe(message)));
        if (exchange.status() / 100 == 2 && requestReport.hasErrors()) {
            requestReport.getMessages().stream()
                    .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                    .forEach(message -> broken.add("accepted a request the document refuses: " + describe(message)));
        }
        return broken;
    }

    /** The methods the document describes on the exchange's path, asked of the validator itself. */
    private Set<String> documentedMethods(Exchange exchange) {
        Set<String> methods = new TreeSet<>();
        for (String method : METHODS) {
            Exchange other = new Exchange(method, exchange.uri(), exchange.requestHeaders(), exchange.requestBody(),
                    exchange.status(), exchange.responseHeaders(), exchange.responseBody());
            Set<String> keys = keys(requests.validateRequest(request(other)));
            if (!keys.contains(PATH_MISSING) && !keys.contains(METHOD_NOT_ALLOWED)) {
                methods.add(method);
            }
        }
        return methods;
    }

    private static Request request(Exchange exchange) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), exchange.uri().getRawPath());
        queryParameters(exchange.uri()).forEach(request::withQueryParam);
        exchange.requestHeaders().forEach(request::withHeader);
        if (exchange.requestBody() != null) {
            request.withBody(exchange.requestBody());
        }
        return request.build();
    }

    private static SimpleResponse response(Exchange exchange) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().map().forEach(response::withHeader);
        if (exchange.responseBody().length > 0) {
            response.withBody(exchange.responseBody());
        }
        return response.build();
    }

    private static Map<String, List<String>> queryParameters(URI uri) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return parameters;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static Set<String> keys(ValidationReport report) {
        return report.getMessages().stream().map(ValidationReport.Message::getKey).collect(Collectors.toSet());
    }

    private static String describe(ValidationReport.Message message) {
        String nested = message.getNestedMessages().stream().map(OpenApiContract::describe)
                .collect(Collectors.joining("; "));
        return message.getKey() + ": " + message.getMessage()
                + (message.getAdditionalInfo().isEmpty() ? "" : " " + message.getAdditionalInfo())
                + (nested.isEmpty() ? "" : " [" + nested + "]");
    }
}
