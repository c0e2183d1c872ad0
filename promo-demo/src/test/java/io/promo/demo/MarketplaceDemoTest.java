package io.promo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.demo.DayResults.CampaignDay;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./promo demo} end to end, on a smaller day: everything through the HTTP API, read back through it. */
class MarketplaceDemoTest {

    @Test
    void simulates_a_day_through_the_api_within_every_budget_and_catches_the_invalid_traffic(@TempDir Path dir)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path report = dir.resolve("report.html");

        MarketplaceDemo demo = new MarketplaceDemo(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new MarketplaceDemo.Options(2_000, 7, report));
        DayResults day = demo.run();

        assertThat(day.campaigns()).hasSize(36);
        for (CampaignDay campaign : day.campaigns()) {
            assertThat(campaign.spendCents()).as(campaign.label()).isLessThanOrEqualTo(campaign.dailyBudgetCents());
            assertThat(campaign.cumulativeSpendByHour()[23]).as(campaign.label()).isEqualTo(campaign.spendCents());
        }
        assertThat(day.campaigns().stream().mapToLong(CampaignDay::spendCents).sum()).isPositive();
        assertThat(day.campaigns()).as("impression share: every impression came from a candidate auction")
                .allSatisfy(c -> assertThat(c.auctions().candidateAuctions()).as(c.label()).isGreaterThanOrEqualTo(c.impressions()));
        assertThat(day.campaigns().stream().mapToLong(c -> c.auctions().candidateAuctions()).sum()).isPositive();
        assertThat(day.campaigns().stream().filter(c -> c.label().startsWith("#01")).findFirst().orElseThrow()
                .notShownBecause()).as("priced below the photographers' floor in Berlin").isEqualTo("FLOOR");
        CampaignDay businessHours = day.campaigns().stream().filter(c -> c.label().startsWith("#07")).findFirst()
                .orElseThrow();
        assertThat(businessHours.label()).contains("9–17 weekdays");
        assertThat(businessHours.cumulativeSpendByHour()[8]).as("the business-hours campaign spends nothing before 09:00")
                .isZero();
        assertThat(day.invalidClicksByReason()).containsKeys("bot_user_agent", "duplicate_impression", "self_click",
                "ip_burst");
        assertThat(day.searches()).as("the searches announced").isEqualTo(2_000);
        Map<String, Long> perCampaignAndUnattributed = new TreeMap<>(day.unattributedInvalidClicks());
        for (CampaignDay campaign : day.campaigns()) {
            campaign.invalidClicksByReason().forEach((reason, count) -> perCampaignAndUnattributed.merge(reason, count, Long::sum));
        }
        assertThat(perCampaignAndUnattributed).as("the campaigns' reports plus the unattributed clicks, by reason")
                .isEqualTo(new TreeMap<>(day.invalidClicksByReason()));
        assertThat(day.unattributedInvalidClicks()).as("the tampered tokens name no campaign").containsKey("bad_signature");
        assertThat(day.campaigns().stream().filter(CampaignDay::underDelivered))
                .as("every under-delivered campaign says why").isNotEmpty()
                .allSatisfy(campaign -> assertThat(campaign.whyUnderDelivered()).as(campaign.label()).isNotBlank());

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("report spend equals the ledger for every campaign")
                .contains("never shown: cpc below the floor (FLOOR)")
                .contains("all campaigns").contains("the campaigns' reports plus the unattributed clicks add up to them")
                .contains("budget USD").contains("100% hour 24/24");
        assertThat(Files.readString(report)).contains("<svg").contains("bot_user_agent").contains("even-pacing target")
                .contains("why under-delivered").contains("cost per inquiry (USD)").contains("ROAS");
        // Conversions: the marketplace's inquiries and bookings, attributed by promo and read back from the reports.
        assertThat(printed).contains("conversion reports sent").contains("cost/inquiry").contains("ROAS");
        long inquiries = day.campaigns().stream().mapToLong(c -> c.conversions().inquiries()).sum();
        assertThat(inquiries).as("inquiries in the reports").isPositive();
        assertThat(day.campaigns()).filteredOn(c -> c.conversions().inquiries() > 0)
                .allSatisfy(c -> assertThat(c.conversions().costPerInquiryCents()).as(c.label())
                        .isEqualTo(Math.round((double) c.spendCents() / c.conversions().inquiries())));
        assertThat(day.campaigns()).filteredOn(c -> c.conversions().bookings() > 0).isNotEmpty()
                .allSatisfy(c -> assertThat(c.conversions().roas()).as(c.label())
                        .isCloseTo((double) c.conversions().valueCents() / c.spendCents(), org.assertj.core.data.Offset.offset(1e-9)));

        // The showcase after the day: a studio with several profiles, a negative keyword and a frequency cap.
        Showcase.Results showcase = demo.showcase();
        assertThat(showcase.studioProfiles()).isEqualTo(3);
        assertThat(showcase.studioSlotsOnPage()).as("PROMO_MAX_SLOTS_PER_ADVERTISER").isEqualTo(2);
        assertThat(showcase.rivalShown()).as("the slot the studio may not take goes to a rival").isTrue();
        assertThat(showcase.cheapReason()).isEqualTo("NEGATIVE_KEYWORD");
        assertThat(showcase.cappedShown()).as("a cap of 2 per 24 h, the token passed back").isEqualTo(2);
        assertThat(showcase.cappedReason()).isEqualTo("FREQUENCY_CAP");
        assertThat(printed).contains("Showcase (city showcase)");
    }
}
