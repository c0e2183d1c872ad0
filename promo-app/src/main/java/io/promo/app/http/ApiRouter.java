package io.promo.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.promo.domain.shared.AcceptedInput;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where routes are declared: each call names the method, the path template, who may call it and the
 * handler, which receives the authenticated {@link Caller}. The router keeps the list, so the OpenAPI
 * test and the tenant-isolation test see exactly what is served, and a request for a served path with a method
 * it does not have is answered 405 naming the methods it has ({@link #methodsAt}).
 *
 * <p>A route runs inside the {@link DatabaseWork} bulkhead, authentication included (an advertiser's key is
 * looked up in the database), unless it is declared on {@link #inMemory()}: the routes that never touch the
 * database, so that they keep answering whatever the database does.
 */
public final class ApiRouter {

    /** The context attribute holding the matched route template, for the latency histogram. */
    static final String ROUTE_ATTRIBUTE = "promo.route";

    /** A handler that has been told who called. */
    @FunctionalInterface
    public interface CallerHandler {
        void handle(Context ctx, Caller caller) throws Exception;
    }

    /** One served route. */
    public record Route(String method, String path, Access access) {

        /** Whether a request for {@code requestPath} is on this route's path template, as Javalin matches it. */
        boolean servesPath(String requestPath) {
            StringBuilder pattern = new StringBuilder();
            for (String segment : path.substring(1).split("/", -1)) {
                pattern.append('/').append(segment.startsWith("{") && segment.endsWith("}") ? "[^/]+" : Pattern.quote(segment));
            }
            // Javalin ignores a trailing slash, so /v1/campaigns/ is the same path as /v1/campaigns.
            return requestPath.matches(pattern + "/?");
        }
    }

    private final RoutesConfig routes;
    private final Authenticator authenticator;
    private final List<Route> declared;
    /** Null on the {@link #inMemory()} router. */
    private final DatabaseWork databaseWork;

    ApiRouter(RoutesConfig routes, Authenticator authenticator, DatabaseWork databaseWork) {
        this(routes, authenticator, new ArrayList<>(), databaseWork);
    }

    private ApiRouter(RoutesConfig routes, Authenticator authenticator, List<Route> declared, DatabaseWork databaseWork) {
        this.routes = routes;
        this.authenticator = authenticator;
        this.declared = declared;
        this.databaseWork = databaseWork;
    }

    /**
     * Declares routes that need no database (neither their handler nor their authentication): they run outside
     * the bulkhead. A route declared here that reaches the database anyway could starve decisions again.
     */
    public ApiRouter inMemory() {
        return new ApiRouter(routes, authenticator, declared, null);
    }

    public void get(String path, Access access, CallerHandler handler) {
        add("GET", path, access, handler);
    }

    public void post(String path, Access access, CallerHandler handler) {
        add("POST", path, access, handler);
    }

    public void put(String path, Access access, CallerHandler handler) {
        add("PUT", path, access, handler);
    }

    public void patch(String path, Access access, CallerHandler handler) {
        add("PATCH", path, access, handler);
    }

    List<Route> declared() {
        return List.copyOf(declared);
    }

    /** The methods declared on {@code path}, in alphabetical order; empty when no route has that path. */
    Set<String> methodsAt(String path) {
        return declared.stream().filter(route -> route.servesPath(path)).map(Route::method)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private void add(String method, String path, Access access, CallerHandler handler) {
        declared.add(new Route(method, path, access));
        DatabaseWork bulkhead = databaseWork;
        io.javalin.http.Handler wrapped = ctx -> {
            ctx.attribute(ROUTE_ATTRIBUTE, path);
            if (bulkhead == null) {
                handle(ctx, access, handler);
            } else {
                bulkhead.run(() -> handle(ctx, access, handler));
            }
        };
        switch (method) {
            case "GET" -> routes.get(path, wrapped);
            case "POST" -> routes.post(path, wrapped);
            case "PUT" -> routes.put(path, wrapped);
            case "PATCH" -> routes.patch(path, wrapped);
            default -> throw new IllegalArgumentException("no routes use " + method);
        }
    }

    /** Authenticates the caller, holds the query to {@link AcceptedInput}, then runs the route. */
    private void handle(Context ctx, Access access, CallerHandler handler) throws Exception {
        Caller caller = authenticator.require(access, ctx.header("Authorization"));
        refuseUnacceptableText(ctx);
        handler.handle(ctx, caller);
    }

    /**
     * Query parameters held to {@link AcceptedInput} before any route reads them, the way {@link JsonBody} holds the
     * body: a NUL in any of them is a 400 naming the parameter. (Jetty itself refuses a NUL in the path.)
     */
    private static void refuseUnacceptableText(Context ctx) {
        List<Violation> violations = new ArrayList<>();
        ctx.queryParamMap().forEach((name, values) -> {
            AcceptedInput.textProblem(name).ifPresent(problem -> violations.add(new Violation("query parameter name", problem)));
            values.forEach(value -> AcceptedInput.textProblem(value)
                    .ifPresent(problem -> violations.add(new Violation(name, problem))));
        });
        if (!violations.isEmpty()) {
            throw new InvalidCommandException(violations);
        }
    }
}
