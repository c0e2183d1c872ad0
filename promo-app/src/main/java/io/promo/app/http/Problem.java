package io.promo.app.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * An error answer, as RFC 9457 {@code application/problem+json}: {@code type} (about:blank: the status
 * says it), {@code title} (the status' phrase), {@code status}, a {@code detail} a person understands, and
 * for a validation failure every broken field in {@code errors}; {@code /health}'s 503 carries its report in
 * the extension member {@code health}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, List<FieldError> errors,
        JsonViews.HealthView health) {

    static final String CONTENT_TYPE = "application/problem+json";

    record FieldError(String field, String message) {
    }

    Problem {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        errors = errors == null ? null : List.copyOf(errors);
    }

    Problem(String type, String title, int status, String detail, List<FieldError> errors) {
        this(type, title, status, detail, errors, null);
    }

    static Problem of(int status, String detail) {
        return new Problem("about:blank", titleOf(status), status, detail, null);
    }

    static Problem of(int status, String detail, List<FieldError> errors) {
        return new Problem("about:blank", titleOf(status), status, detail, errors.isEmpty() ? null : errors);
    }

    /** {@code /health}'s 503: promo cannot take money work; the report says which part is down. */
    static Problem unhealthy(String detail, JsonViews.HealthView health) {
        return new Problem("about:blank", titleOf(503), 503, detail, null, health);
    }

    static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
