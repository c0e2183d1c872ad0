package io.promo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.demo.DayResults.CampaignDay;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DayResultsTest {

    private static final long CPC = 50;
    private static final long BUDGET = 1_200; // 24 clicks

    @Test
    void an_even_campaign_within_a_click_of_its_target_every_hour_is_on_target() {
        CampaignDay campaign = day("even", hourly(hour -> 50L * (hour + 1)), 300, 24, 100, 100, null);

        assertThat(campaign.pacingAgainstTarget()).isEqualTo("on target (within a click)");
        assertThat(campaign.underDelivered()).isFalse();
        assertThat(campaign.whyUnderDelivered()).isNull();
    }

    @Test
    void an_even_campaign_that_falls_behind_for_good_says_from_which_hour_and_why() {
        CampaignDay campaign = day("even", hourly(hour -> hour < 6 ? 50L * (hour + 1) : 300), 50, 6, 58, 55, null);

        assertThat(campaign.pacingAgainstTarget()).isEqualTo("behind target from 08 h");
        assertThat(campaign.underDelivered()).isTrue();
        assertThat(campaign.whyUnderDelivered())
                .isEqualTo("few matching searches for its budget: shown in 50 of 55, 6 of 24 affordable clicks");
    }

    @Test
    void a_campaign_shown_in_fewer_than_half_the_searches_that_matched_it_was_outranked() {
        CampaignDay accelerated = day("accelerated", hourly(hour -> 100L), 40, 2, 400, 300, null);
        CampaignDay even = day("even", hourly(hour -> 100L), 40, 2, 400, 300, null);

        assertThat(accelerated.whyUnderDelivered()).isEqualTo("outranked: shown in 40 of 300, 2 of 24 affordable clicks");
        assertThat(even.whyUnderDelivered()).startsWith("outranked or held back by pacing: ");
        assertThat(accelerated.pacingAgainstTarget()).isEqualTo("budget never spent");
    }

    @Test
    void a_campaign_its_diagnostics_block_says_so_in_plain_words() {
        CampaignDay floor = day("even", hourly(hour -> 0L), 0, 0, 400, 300, "FLOOR");

        assertThat(floor.whyUnderDelivered()).isEqualTo("never shown: cpc below the floor (FLOOR)");
        assertThat(floor.pacingAgainstTarget()).isEqualTo("never shown");
    }

    @Test
    void an_accelerated_campaign_says_by_which_hour_its_budget_was_spent() {
        CampaignDay campaign = day("accelerated", hourly(hour -> Math.min(BUDGET, 200L * (hour + 1))), 500, 24, 400, 300, null);

        assertThat(campaign.pacingAgainstTarget()).isEqualTo("budget spent by 06 h");
        assertThat(campaign.whyUnderDelivered()).isNull();
    }

    @Test
    void a_currency_that_is_no_iso_code_is_refused_naming_the_setting() {
        assertThat(new MarketplaceDemo.Options(2_000, 7, Path.of("r.html")).currency()).isEqualTo("USD");
        assertThat(new MarketplaceDemo.Options(2_000, 7, Path.of("r.html"), "eur").currency()).isEqualTo("EUR");
        assertThatThrownBy(() -> new MarketplaceDemo.Options(2_000, 7, Path.of("r.html"), "dollars"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("currency").hasMessageContaining("dollars");
    }

    @Test
    void the_impression_share_column_names_the_share_of_candidate_auctions_and_what_the_rest_was_lost_to() {
        CampaignDay none = day("even", hourly(hour -> 0), 0, 0, 0, 0, null);
        assertThat(none.impressionShareText()).isEqualTo("no candidate auctions");
        CampaignDay counted = new CampaignDay("pcmp_1", "Test", "boosted", "even", CPC, BUDGET, 0, 0, 0, Map.of(),
                List.of(), 0, 0, hourly(hour -> 0), new double[24], null,
                DayResults.Conversions.NONE, new DayResults.Auctions(140, 0.62, 0.30, 0.08, 0, 0));
        assertThat(counted.impressionShareText()).isEqualTo(HtmlReport.percent(0.62) + " of 140 (lost: rank "
                + HtmlReport.percent(0.30) + ", budget " + HtmlReport.percent(0.08) + ")");
    }

    @Test
    void bid_and_paid_adds_what_the_clicks_saved_against_their_bids_once_they_saved_anything() {
        long[] spent = hourly(hour -> 160);
        CampaignDay firstPrice = new CampaignDay("pcmp_1", "Test", "boosted", "even", CPC, BUDGET, 160, 40, 4, Map.of(),
                List.of(), 0, 0, spent, new double[24], null, DayResults.Conversions.NONE, DayResults.Auctions.NONE, 0);
        CampaignDay secondPrice = new CampaignDay("pcmp_1", "Test", "boosted", "even", CPC, BUDGET, 160, 40, 4, Map.of(),
                List.of(), 0, 0, spent, new double[24], null, DayResults.Conversions.NONE, DayResults.Auctions.NONE, 40);

        assertThat(firstPrice.bidAndPaid()).isEqualTo("50 / 40");
        assertThat(secondPrice.bidAndPaid()).as("4 clicks of a 50¢ bid paid 160¢").isEqualTo("50 / 40 (saved 40)");
    }

    private static CampaignDay day(String pacing, long[] cumulative, long impressions, long clicks, long matching,
            long withItsEntity, String notShownBecause) {
        double[] share = new double[24];
        for (int hour = 0; hour < 24; hour++) {
            share[hour] = (hour + 1) / 24.0;
        }
        return new CampaignDay("pcmp_1", "Test", "boosted", pacing, CPC, BUDGET, cumulative[23], impressions, clicks,
                Map.of(), List.of(), matching, withItsEntity, cumulative, share, notShownBecause);
    }

    private static long[] hourly(java.util.function.IntToLongFunction spendByEndOf) {
        long[] cumulative = new long[24];
        for (int hour = 0; hour < 24; hour++) {
            cumulative[hour] = spendByEndOf.applyAsLong(hour);
        }
        return cumulative;
    }
}
