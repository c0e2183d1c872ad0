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
import io.promo.domain.traffic.ClickCommand;
import io.promo.domain.traffic.ClickResult;
import io.promo.embedded.AdPage;
import io.promo.embedded.AdRequest;
import io.promo.embedded.Promo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A program of someone else's, compiled against the installed artifacts with only the documented public API
 * (io.promo.embedded and the domain's use cases): the builder, a funded campaign, the serving client, a click, a
 * report, and the clear error of a closed promo. Exits 0 only if each step answers as documented.
 */
public final class Embedder {

    public static void main(String[] args) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Promo closed;
        try (Promo promo = Promo.builder()
                .settings(Map.of("PROMO_DATA_DIR", Path.of(args[0]).toString(), "PROMO_BUDGET_ZONE", "UTC"))
                .schema(Promo.Schema.MIGRATE)
                .start()) {
            closed = promo;
            Advertiser lena = promo.createAdvertiser().create(new CreateAdvertiserCommand(Actor.ADMIN,
                    new UserId("usr_lena"), Optional.of(new PaymentReference("cus_lena/pm_visa")))).orElseThrow();
            Campaign campaign = promo.createCampaign().create(new CreateCampaignCommand(Actor.tenant(lena.id()), lena.id(),
                    Surface.PEOPLE_SEARCH, new TargetEntity(TargetEntityType.SERVICE_PROFILE, "srv_lena_photo"),
                    new CampaignSettings("Portraits", Format.FEATURED, List.of(new CityCode("berlin")), List.of("portrait"),
                            today, Optional.empty(), Money.ofCents(60), Money.ofCents(1_500), Optional.empty(),
                            PacingMode.ACCELERATED))).orElseThrow();
            promo.recordFunding().record(FundingCommand.topUp(campaign.id(), Money.ofCents(5_000), IdempotencyKey.STRIPE,
                    "pi_lena_1")).orElseThrow();
            promo.changeCampaignStatus().change(new ChangeCampaignStatusCommand(Actor.tenant(lena.id()), campaign.id(),
                    CampaignAction.ACTIVATE)).orElseThrow();
            promo.refreshServingIndex();

            AdPage page = promo.serving().decide(AdRequest.builder("people_search", "berlin").query("portrait photographer")
                    .anonymousViewer("fp_1").client("203.0.113.7", "Mozilla/5.0")
                    .organicMatches(List.of("srv_anna", "srv_lena_photo", "srv_bo")).build());
            AdPage.Result ad = page.sponsored().get(0);
            check(ad.entityId().equals("srv_lena_photo") && ad.cpcCents() == 60, "the page sponsors srv_lena_photo: " + page);

            ClickResult click = promo.clicks().click(new ClickCommand(ad.clickToken(), null, "fp_1", "203.0.113.7",
                    "Mozilla/5.0"));
            // Alone on the page, it pays the reserve (the floor), not its 60-cent bid: the second price.
            check(ad.priceCents() < 60, "a lone bidder's price is below its bid: " + ad);
            check(click.billed() && click.billedCents() == ad.priceCents(), "the click is billed the page's price "
                    + ad.priceCents() + ": " + click);

            promo.flushImpressions(Duration.ofSeconds(30));
            CampaignReport report = promo.reports().campaign(Actor.tenant(lena.id()), campaign.id(), today, today)
                    .orElseThrow();
            check(report.totals().impressions() == 1 && report.totals().billedClicks() == 1,
                    "the report counts 1 impression and 1 billed click: " + report.totals());
        }
        try {
            closed.serving();
            check(false, "a closed promo refuses to serve");
        } catch (IllegalStateException expected) {
            check(expected.getMessage().contains("closed"), "a closed promo says so: " + expected.getMessage());
        }
        System.out.println("installed-api check: builder, serving client, click, report and close answered as documented");
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError("not as documented: " + what);
        }
    }
}
