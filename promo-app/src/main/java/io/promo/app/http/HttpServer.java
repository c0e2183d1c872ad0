package io.promo.app.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import io.promo.app.metrics.PromoMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HTTP API on Javalin 7 (Jetty 12): the route groups, the shared error mapper, the body size limit,
 * authentication per route and the latency histogram. Answers only JSON and problem+json (and the
 * Prometheus text on {@code /metrics}).
 */
public final class HttpServer implements AutoCloseable {

    /** How long {@link #close()} waits for requests in flight. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Javalin javalin;
    private final Server jetty;
    private final List<ApiRouter.Route> routes;

    private HttpServer(Javalin javalin, Server jetty, List<ApiRouter.Route> routes) {
        this.javalin = javalin;
        this.jetty = jetty;
        this.routes = routes;
    }

    /**
     * Starts serving on {@code host:port} (port 0: any free port, see {@link #port()}).
     *
     * @param maxBodyBytes a larger request body is refused with 413
     * @param routeGroups  every resource's routes, each built with the use cases it calls
     * @param databaseWork the bulkhead of the routes that need the database, and which failures are outages
     */
    public static HttpServer start(String host, int port, long maxBodyBytes, List<ApiRoutes> routeGroups,
            Authenticator authenticator, DatabaseWork databaseWork, PromoMetrics metrics) {
        AtomicReference<List<ApiRouter.Route>> declared = new AtomicReference<>();
        AtomicReference<Server> jetty = new AtomicReference<>();
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = maxBodyBytes;
            config.http.defaultContentType = "application/json";
            // Answers are a few KiB of JSON for a client in the same data centre: gzip would cost more CPU
            // on the decision path than it saves; a proxy in front can compress for distant clients.
            config.http.compressionStrategy = CompressionStrategy.NONE;
            // Graceful stop: connectors stop accepting, requests in flight get up to the grace period to finish.
            config.jetty.modifyServer(server -> {
                server.setHandler(new GracefulHandler());
                server.setErrorHandler(new JettyProblems());
                server.setStopTimeout(STOP_GRACE.toMillis());
                jetty.set(server);
            });
            config.requestLogger.http((ctx, milliseconds) -> {
                String route = ctx.attribute(ApiRouter.ROUTE_ATTRIBUTE);
                metrics.requestServed(ctx.method().name(), route == null ? "unmatched" : route, ctx.statusCode(),
                        milliseconds / 1_000.0);
            });
            ApiRouter router = new ApiRouter(config.routes, authenticator, databaseWork);
            ProblemResponses.register(config.routes, databaseWork, router);
            for (ApiRoutes group : routeGroups) {
                group.register(router);
            }
            declared.set(router.declared());
        });
        javalin.start(host, port);
        return new HttpServer(javalin, jetty.get(), declared.get());
    }

    public int port() {
        return javalin.port();
    }

    /** The routes served, in the order they were declared. */
    public List<ApiRouter.Route> routes() {
        return routes;
    }

    /** Stops accepting connections and waits up to {@link #STOP_GRACE} for the requests in flight. */
    @Override
    public void close() {
        close(STOP_GRACE);
    }

    /** Stops accepting connections and waits up to {@code grace} for the requests in flight. */
    public void close(Duration grace) {
        if (jetty != null) {
            jetty.setStopTimeout(Math.max(1, grace.toMillis()));
        }
        javalin.stop();
    }
}
