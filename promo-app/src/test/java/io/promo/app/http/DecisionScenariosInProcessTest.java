package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Violation;
import io.promo.embedded.AdPage;
import io.promo.embedded.AdRequest;
import io.promo.embedded.Promo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DecisionScenarios} in process, as a search service embedding promo decides: promo-embedded's public API on
 * the test JVM's database, the schema only verified (a search service's role need not change it), with the HTTP
 * promo's hash and click-token secrets, so that a page's query hash and a token's signature are the same.
 */
class DecisionScenariosInProcessTest extends DecisionScenarios {

    private static Promo promo;

    @BeforeAll
    static void start() {
        TestServer.app(); // the database exists and is migrated
        promo = Promo.builder().jdbcUrl(TestServer.databaseUrl())
                .settings(Map.of("PROMO_HASH_SECRET", TestServer.HASH_SECRET,
                        "PROMO_CLICK_TOKEN_SECRET", TestServer.CLICK_TOKEN_SECRET))
                .schema(Promo.Schema.VERIFY)
                .start();
    }

    @AfterAll
    static void close() {
        if (promo != null) {
            promo.close();
        }
    }

    @Override
    Page decide(AdRequest request) {
        AdPage page = promo.serving().decide(request);
        return new Page(page.surface(), page.role(), page.city(), page.queryHash(), page.results().stream()
                .map(r -> new Position(r.position(), r.entityId(), r.sponsored(), r.campaignId(), r.format(),
                        r.cpcCents(), r.clickToken() != null))
                .toList());
    }

    @Override
    Set<String> refusedFields(AdRequest request) {
        try {
            promo.serving().decide(request);
            return Set.of();
        } catch (InvalidCommandException e) {
            return e.violations().stream().map(Violation::field).collect(Collectors.toCollection(LinkedHashSet::new));
        }
    }

    @Override
    void catchUp() {
        promo.refreshServingIndex();
    }

    @Test
    void the_in_process_page_is_the_http_routes_page_query_hash_included() {
        String city = Marketplace.unique("city").toLowerCase();
        String lena = Marketplace.unique("srv_lena");
        String bo = Marketplace.unique("srv_bo");
        activeCampaign(lena, city, 70);
        activeCampaign(bo, city, 50);
        catchUp();
        TestServer.app().servingIndex().refresh();
        AdRequest request = AdRequest.builder("people_search", city).role("photographer").query("Portrait  Studio")
                .userViewer("usr_scenario").client("203.0.113.9", "Mozilla/5.0")
                .organicMatches(List.of("srv_x", bo, "srv_y", "srv_z", lena, "srv_w")).pageSize(5).build();

        ApiClient.Response overHttp = TestServer.client().post("/v1/decisions", TestServer.SERVICE_KEY,
                DecisionScenariosOverHttpTest.json(request));

        assertThat(overHttp.status()).as(overHttp.toString()).isEqualTo(200);
        Page inProcess = decide(request);
        assertThat(inProcess.sponsored()).extracting(Position::entityId).containsExactly(lena, bo);
        assertThat(inProcess).isEqualTo(DecisionScenariosOverHttpTest.page(overHttp.json()));
    }
}
