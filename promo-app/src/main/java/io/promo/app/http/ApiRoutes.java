package io.promo.app.http;

/**
 * One resource's routes (advertisers, campaigns, …). A new resource implements this, takes the use cases it calls
 * in its constructor, declares its routes on the {@link ApiRouter}, and the wiring ({@code PromoApplication}) adds it
 * to the groups {@link HttpServer#start} serves.
 */
@FunctionalInterface
public interface ApiRoutes {
    void register(ApiRouter router);
}
