package io.promo.example.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.CreateAdvertiserCommand;
import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.ChangeCampaignStatusCommand;
import io.promo.domain.campaign.CreateCampaignCommand;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.TargetEntityType;
import io.promo.domain.ledger.FundingCommand;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.report.CampaignReport;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.UserId;
import io.promo.embedded.Promo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example service over HTTP, as the marketplace's front end calls it: its promo runs in dev mode on an embedded
 * PostgreSQL under a temporary directory, and the campaign is authored through the public API as an admin tool would.
 */
class SearchServiceTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;
    private static Promo promo;
    private static SearchService service;

    @BeforeAll
    static void start() throws IOException {
        promo = Promo.builder()
                .settings(Map.of("PROMO_DATA_DIR", data.resolve("postgres").toString(),
                        "PROMO_HASH_SECRET", "example-hash-secret-0123456789abcdef", "PROMO_BUDGET_ZONE", "UTC"))
                .start();
        service = SearchService.start(promo, 0);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (promo != null) {
            promo.close();
        }
    }

    @Test
    void a_search_shows_the_funded_campaign_among_the_organic_results_and_its_click_is_billed() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Campaign campaign = fundedActiveCampaign("srv_lena_photo", "berlin", 60);
        promo.refreshServingIndex();

        HttpResponse<String> search = HTTP.send(request("/search?q=portrait+photographer&city=berlin").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        assertThat(search.body())
                .contains("\"id\":\"srv_anna\"", "\"id\":\"srv_bo\"")
                .doesNotContain("srv_carl", "srv_mia");
        Matcher sponsored = Pattern.compile("\\{\"position\":(\\d+),\"id\":\"srv_lena_photo\",\"title\":\"[^\"]*\","
                + "\"sponsored\":true,\"clickToken\":\"([^\"]+)\"}").matcher(search.body());
        assertThat(sponsored.find()).as("a sponsored srv_lena_photo with a click token in %s", search.body()).isTrue();
        String token = sponsored.group(2);

        HttpResponse<String> click = HTTP.send(request("/click").POST(HttpRequest.BodyPublishers.ofString(token)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = HTTP.send(request("/click").POST(HttpRequest.BodyPublishers.ofString(token)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(click.statusCode()).isEqualTo(200);
        // A lone bidder pays the 25¢ floor, not its 60¢ bid.
        assertThat(click.body()).isEqualTo("{\"billed\":true,\"billedCents\":25}");
        assertThat(again.body()).startsWith("{\"billed\":false,\"billedCents\":0,\"reason\":");
        promo.flushImpressions(Duration.ofSeconds(30));
        CampaignReport report = promo.reports().campaign(Actor.tenant(campaign.advertiserId()), campaign.id(), today, today)
                .orElseThrow();
        assertThat(report.totals().billedClicks()).isEqualTo(1);
        assertThat(report.totals().spent()).isEqualTo(Money.ofCents(25));
    }

    @Test
    void a_search_without_a_city_is_refused() throws Exception {
        HttpResponse<String> search = HTTP.send(request("/search?q=portrait").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(search.statusCode()).isEqualTo(400);
        assertThat(search.body()).isEqualTo("{\"error\":\"q and city are required\"}");
    }

    @Test
    void the_hand_written_json_escapes_what_would_break_the_string() {
        assertThat(SearchService.json("a \"quoted\" \\ path\n\u0001")).isEqualTo("\"a \\\"quoted\\\" \\\\ path\\n\\u0001\"");
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .header("User-Agent", "Mozilla/5.0").header("X-Viewer", "fp_1").timeout(Duration.ofSeconds(30));
    }

    /** What the marketplace's admin tool authors through promo's public API: a funded, active campaign. */
    private static Campaign fundedActiveCampaign(String entityId, String city, long cpcCents) {
        Advertiser owner = promo.createAdvertiser().create(new CreateAdvertiserCommand(Actor.ADMIN,
                new UserId("usr_example"), Optional.of(new PaymentReference("cus_example/pm_visa")))).orElseThrow();
        CampaignSettings settings = new CampaignSettings("Portraits", Format.FEATURED, List.of(new CityCode(city)),
                List.of("portrait"), LocalDate.now(ZoneOffset.UTC), Optional.empty(), Money.ofCents(cpcCents),
                Money.ofCents(1_500), Optional.empty(), PacingMode.ACCELERATED);
        Campaign campaign = promo.createCampaign().create(new CreateCampaignCommand(Actor.tenant(owner.id()), owner.id(),
                Surface.PEOPLE_SEARCH, new TargetEntity(TargetEntityType.SERVICE_PROFILE, entityId), settings))
                .orElseThrow();
        promo.recordFunding().record(FundingCommand.topUp(campaign.id(), Money.ofCents(5_000), IdempotencyKey.STRIPE,
                "pi_example")).orElseThrow();
        promo.changeCampaignStatus().change(new ChangeCampaignStatusCommand(Actor.tenant(owner.id()), campaign.id(),
                CampaignAction.ACTIVATE)).orElseThrow();
        return campaign;
    }
}
