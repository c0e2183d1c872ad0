package io.promo.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a route runs (a path with {@code %00}, a malformed request line, a URI or
 * headers beyond {@link #REQUEST_HEAD_BYTES}: 414 and 431 on any route, as the API document says), as problem+json
 * like every other answer of the API instead of Jetty's HTML page.
 */
final class JettyProblems extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        String why = cause != null && cause.getMessage() != null ? cause.getMessage() : message;
        response.write(true, ByteBuffer.wrap(body(code, why)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    /** What Jetty reads of a request line and its headers at most (its default, which promo keeps). */
    static final int REQUEST_HEAD_BYTES = 8 * 1024;

    private static byte[] body(int status, String message) {
        String detail = switch (status) {
            // Jetty's own words for these are its status and a null reason ("414: null").
            case 414 -> "the request's URI is longer than the " + REQUEST_HEAD_BYTES / 1024 + " KiB the server reads (a"
                    + " diagnosis replaying a long page takes at most as many organic_matches as fit in it)";
            case 431 -> "the request's line and headers are larger than the " + REQUEST_HEAD_BYTES / 1024
                    + " KiB the server reads";
            default -> "the request could not be read" + (message == null || message.isBlank() ? "" : ": " + message);
        };
        try {
            return Json.MAPPER.writeValueAsBytes(Problem.of(status, detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is always serializable", e);
        }
    }
}
