package io.promo.app.http;

/**
 * One resource's routes (advertisers, campaigns, …). A new resource implements this, declares its routes on
 * the {@link ApiRouter} and is added to {@link HttpServer#routeGroups}.
 */
@FunctionalInterface
public interface ApiRoutes {
    void register(ApiRouter router);
}
