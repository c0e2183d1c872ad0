package io.promo.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Outcome;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared error mapper: every failure of every route becomes an RFC 9457 problem. Bad input is 4xx and
 * names what was wrong; the database unreachable, locked or timing out is 503 with {@code Retry-After}; only a
 * fault of promo itself is 500, logged with its stack trace and answered with a detail that reveals nothing.
 */
final class ProblemResponses {

    private static final System.Logger LOG = System.getLogger(ProblemResponses.class.getName());
    private static final AtomicLong lastUnavailableLog =
            new AtomicLong(System.nanoTime() - 2_000_000_000L);

    private ProblemResponses() {
    }

    /** The accepted value, or the rejection thrown as the matching {@link ApiProblem}. */
    static <T> T accepted(Outcome<T> outcome) {
        if (outcome instanceof Outcome.Rejected<T> rejected) {
            throw ApiProblem.fromRejection(rejected.rejection());
        }
        return ((Outcome.Accepted<T>) outcome).value();
    }

    /** @param router the declared routes, which tell a path served with other methods (405) from an unknown one */
    static void register(RoutesConfig routes, DatabaseWork databaseWork, ApiRouter router) {
        routes.exception(ApiProblem.class, (e, ctx) -> write(ctx, e));
        routes.exception(InvalidCommandException.class, (e, ctx) -> write(ctx, ApiProblem.invalidRequest(e.violations())));
        routes.exception(JsonProcessingException.class, (e, ctx) -> write(ctx, ApiProblem.badRequest(
                "the body is not valid JSON: " + e.getOriginalMessage())));
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, switch (e.getStatus()) {
            // Javalin's "endpoint not found": no route serves this method on this path.
            case 404 -> noRoute(ctx, router);
            case 413 -> ApiProblem.of(413, "the request body is larger than this server accepts");
            default -> ApiProblem.of(e.getStatus(), e.getMessage());
        }));
        routes.exception(Exception.class, (e, ctx) -> {
            // The database down, locked or timing out is an outage to retry, not a fault of promo (ADR 0014).
            var unavailable = databaseWork.unavailable(e);
            if (unavailable.isPresent()) {
                long now = System.nanoTime();
                long last = lastUnavailableLog.get();
                // One line a second at most: an outage under load would otherwise write thousands.
                if (now - last > 1_000_000_000L && lastUnavailableLog.compareAndSet(last, now)) {
                    LOG.log(System.Logger.Level.WARNING, "request {0} {1} answered 503 (and others like it this second): {2}",
                            ctx.method(), ctx.path(), e.toString());
                }
                write(ctx, unavailable.get());
                return;
            }
            LOG.log(System.Logger.Level.ERROR, "request " + ctx.method() + " " + ctx.path() + " failed", e);
            write(ctx, ApiProblem.of(500, "promo failed to answer this request; it has been logged"));
        });
        routes.error(404, ctx -> {
            if (!isProblem(ctx)) {
                write(ctx, noRoute(ctx, router));
            }
        });
        routes.error(405, ctx -> {
            if (!isProblem(ctx)) {
                write(ctx, ApiProblem.of(405, "method " + ctx.method() + " is not allowed on " + ctx.path()));
            }
        });
    }

    /**
     * No route serves the request's method on its path: 405 with {@code Allow} naming the methods that are served
     * there (RFC 9110 requires the header), or 404 when no route has the path at all.
     */
    private static ApiProblem noRoute(Context ctx, ApiRouter router) {
        Set<String> allowed = router.methodsAt(ctx.path());
        if (allowed.isEmpty()) {
            return ApiProblem.notFound("no route " + ctx.method() + " " + ctx.path()
                    + ": see docs/api/openapi.yaml for the API");
        }
        String allow = String.join(", ", allowed);
        return new ApiProblem(Problem.of(405, "method " + ctx.method() + " is not allowed on " + ctx.path()
                + "; it answers " + allow), Map.of("Allow", allow));
    }

    static void write(Context ctx, ApiProblem problem) {
        problem.headers().forEach(ctx::header);
        ctx.status(problem.problem().status());
        ctx.contentType(Problem.CONTENT_TYPE);
        try {
            ctx.result(Json.MAPPER.writeValueAsBytes(problem.problem()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is always serializable", e);
        }
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problem.CONTENT_TYPE);
    }
}
