package io.promo.example.search;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.traffic.ClickCommand;
import io.promo.domain.traffic.ClickResult;
import io.promo.embedded.AdPage;
import io.promo.embedded.AdRequest;
import io.promo.embedded.Promo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A marketplace's search service with promo embedded: {@code GET /search?q=…&city=…} answers the organic matches of a
 * fixed catalogue with the sponsored positions promo decides in-process, each sponsored result carrying the click
 * token; {@code POST /click} with that token (the request's body) records the click. Only the public API
 * ({@code io.promo.embedded} and the domain types it hands out) and the JDK: no framework, JSON written by hand.
 */
public final class SearchService implements AutoCloseable {

    /** The surface every search here is for: promo's campaigns are authored against it. */
    private static final String SURFACE = "people_search";

    /** One provider of the marketplace's fixed catalogue, found by the words of its title in its city. */
    record Listing(String entityId, String title, String city) {
        boolean matches(String city, List<String> words) {
            String lowerTitle = title.toLowerCase(Locale.ROOT);
            return this.city.equals(city) && words.stream().anyMatch(lowerTitle::contains);
        }
    }

    static final List<Listing> CATALOGUE = List.of(
            new Listing("srv_anna", "Anna, wedding photographer", "berlin"),
            new Listing("srv_lena_photo", "Lena, portrait photographer", "berlin"),
            new Listing("srv_bo", "Bo, portrait and event photographer", "berlin"),
            new Listing("srv_carl", "Carl, piano teacher", "berlin"),
            new Listing("srv_mia", "Mia, portrait photographer", "hamburg"));

    private final Promo promo;
    private final HttpServer server;

    private SearchService(Promo promo, HttpServer server) {
        this.promo = promo;
        this.server = server;
    }

    /** Serves searches and clicks on {@code port} (0: any free port) with the given, started promo. */
    public static SearchService start(Promo promo, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        SearchService service = new SearchService(promo, server);
        server.createContext("/search", exchange -> service.answer(exchange, "GET", service::search));
        server.createContext("/click", exchange -> service.answer(exchange, "POST", service::click));
        server.start();
        return service;
    }

    /** @return the port it listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops taking requests; the promo stays the caller's to close. */
    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Starts promo in dev mode (an embedded PostgreSQL under {@code PROMO_DATA_DIR}, or the database of
     * {@code PROMO_DB_URL}) and serves on the port given as the first argument (8080 when none).
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Promo.Builder builder = Promo.builder();
        for (String name : List.of("PROMO_DATA_DIR", "PROMO_DB_URL", "PROMO_DB_USER", "PROMO_DB_PASSWORD")) {
            Optional.ofNullable(System.getenv(name)).ifPresent(value -> builder.setting(name, value));
        }
        Promo promo = builder.start();
        SearchService service = start(promo, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            promo.close();
        }));
        System.out.println("search service on http://127.0.0.1:" + service.port() + "/search?q=portrait&city=berlin");
    }

    private interface Handler {
        Answer handle(HttpExchange exchange) throws IOException;
    }

    private record Answer(int status, String json) {
    }

    private void answer(HttpExchange exchange, String method, Handler handler) throws IOException {
        Answer answer;
        try {
            answer = exchange.getRequestMethod().equals(method) ? handler.handle(exchange)
                    : new Answer(405, "{\"error\":\"use " + method + "\"}");
        } catch (InvalidCommandException e) {
            answer = new Answer(400, "{\"error\":" + json(e.getMessage()) + "}");
        } catch (RuntimeException e) {
            // An answer rather than a dropped connection (HttpServer closes it silently); the cause goes to the log.
            System.getLogger(SearchService.class.getName()).log(System.Logger.Level.ERROR, "request failed", e);
            answer = new Answer(500, "{\"error\":\"internal error\"}");
        }
        byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private Answer search(HttpExchange exchange) {
        Map<String, String> params = queryParameters(exchange.getRequestURI().getRawQuery());
        String q = params.getOrDefault("q", "").strip();
        String city = params.getOrDefault("city", "").strip();
        if (q.isEmpty() || city.isEmpty()) {
            return new Answer(400, "{\"error\":\"q and city are required\"}");
        }
        List<String> words = Arrays.stream(q.toLowerCase(Locale.ROOT).split("\\s+")).toList();
        List<String> organic = CATALOGUE.stream().filter(l -> l.matches(city, words)).map(Listing::entityId).toList();

        AdPage page = promo.serving().decide(AdRequest.builder(SURFACE, city).query(q)
                .anonymousViewer(viewer(exchange))
                .client(exchange.getRemoteAddress().getAddress().getHostAddress(), userAgent(exchange))
                .organicMatches(organic).build());

        StringBuilder out = new StringBuilder("{\"query\":").append(json(q)).append(",\"city\":").append(json(city))
                .append(",\"results\":[");
        for (AdPage.Result result : page.results()) {
            if (result.position() > 1) {
                out.append(',');
            }
            out.append("{\"position\":").append(result.position())
                    .append(",\"id\":").append(json(result.entityId()))
                    .append(",\"title\":").append(json(title(result.entityId())))
                    .append(",\"sponsored\":").append(result.sponsored());
            if (result.sponsored()) {
                out.append(",\"clickToken\":").append(json(result.clickToken()));
            }
            out.append('}');
        }
        return new Answer(200, out.append("]}").toString());
    }

    private Answer click(HttpExchange exchange) throws IOException {
        String token;
        try (InputStream in = exchange.getRequestBody()) {
            token = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        ClickResult result = promo.clicks().click(new ClickCommand(token, null, viewer(exchange),
                exchange.getRemoteAddress().getAddress().getHostAddress(), userAgent(exchange)));
        return new Answer(200, "{\"billed\":" + result.billed() + ",\"billedCents\":" + result.billedCents()
                + result.reason().map(reason -> ",\"reason\":" + json(reason)).orElse("") + "}");
    }

    /** The searcher's anonymous fingerprint, as the marketplace's front end sends it; one shared one when it does not. */
    private static String viewer(HttpExchange exchange) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Viewer")).orElse("anonymous");
    }

    private static String userAgent(HttpExchange exchange) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst("User-Agent")).orElse("unknown");
    }

    /** A sponsored entity the catalogue does not list (promo promotes what the marketplace owns) shows its id. */
    private static String title(String entityId) {
        return CATALOGUE.stream().filter(l -> l.entityId().equals(entityId)).map(Listing::title).findFirst()
                .orElse(entityId);
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
