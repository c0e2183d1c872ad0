package io.promo.domain.conversion;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.UserId;
import io.promo.domain.testing.Race;
import io.promo.domain.testing.TestData;
import io.promo.domain.traffic.ClickLogged;
import io.promo.domain.traffic.EventDetail;
import io.promo.domain.traffic.InvalidClickReason;
import io.promo.domain.traffic.TrafficContractSupport;
import io.promo.domain.traffic.TrafficEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConversionLog} and {@link ConversionReportSource} must do (ADR 0035): attribute by
 * {@link AttributionPolicy} from the clicks the traffic log stored and the ledger's spends and credits, record each id
 * once, count attributed conversions on their click's budget day, and leave a credited click's conversions out of the
 * report; run against the fake and PostgreSQL.
 */
public abstract class ConversionLogContract extends TrafficContractSupport {

    private static final AttributionPolicy SEVEN_DAYS = new AttributionPolicy(Duration.ofDays(7), BudgetCalendar.UTC);
    private static final String SUBJECT_HASH = "c0ffee00c0ffee00c0ffee00c0ffee00";

    @Test
    void a_conversion_naming_a_billed_click_is_credited_to_its_campaign_and_counted_on_the_clicks_day() {
        ClickLogged click = logClick(newImpression(), aViewer(), NOW);

        ConversionLogged logged = record(byClick("bk-1", click, NOW.plus(Duration.ofHours(2)), 12_000));

        Attribution.Attributed attributed = attributedOf(logged);
        assertThat(attributed.clickId()).isEqualTo(click.event().eventId());
        assertThat(attributed.campaignId()).isEqualTo(campaign.id());
        assertThat(attributed.clickedAt()).isEqualTo(click.event().ts());
        assertThat(attributed.clickDay()).isEqualTo(TODAY);
        assertThat(report()).containsExactly(new DayConversions(TODAY,
                Map.of(ConversionType.BOOKING, new DayConversions.TypeTotals(1, Money.ofCents(12_000)))));
    }

    @Test
    void the_same_id_again_is_the_stored_conversion_written_and_counted_once() {
        ClickLogged click = logClick(newImpression(), aViewer(), NOW);
        Conversion first = ((ConversionLogged.Recorded) record(byClick("bk-1", click, NOW.plusSeconds(60), 500))).conversion();

        ConversionLogged again = record(byClick("bk-1", click, NOW.plusSeconds(60), 500));
        ConversionLogged other = record(byClick("bk-1", click, NOW.plusSeconds(60), 900));

        assertThat(again).isEqualTo(new ConversionLogged.AlreadyRecorded(first));
        assertThat(other).isEqualTo(new ConversionLogged.AlreadyRecorded(first));
        assertThat(report().get(0).byType().get(ConversionType.BOOKING)).isEqualTo(new DayConversions.TypeTotals(1, Money.ofCents(500)));
    }

    @Test
    void eight_deliveries_of_one_id_at_once_record_it_once() throws Exception {
        ClickLogged click = logClick(newImpression(), aViewer(), NOW);
        List<Callable<ConversionLogged>> deliveries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            deliveries.add(() -> record(byClick("bk-race", click, NOW.plusSeconds(60), 700)));
        }

        List<ConversionLogged> logged = Race.run(deliveries);

        assertThat(logged).filteredOn(ConversionLogged.Recorded.class::isInstance).hasSize(1);
        assertThat(logged).filteredOn(ConversionLogged.AlreadyRecorded.class::isInstance).hasSize(7);
        assertThat(report().get(0).byType().get(ConversionType.BOOKING)).isEqualTo(new DayConversions.TypeTotals(1, Money.ofCents(700)));
    }

    @Test
    void a_click_credited_after_the_conversion_takes_it_out_of_the_report() {
        ClickLogged click = logClick(newImpression(), aViewer(), NOW);
        ClickLogged other = logClick(newImpression(), aViewer(), NOW.plusSeconds(5));
        record(byClick("bk-1", click, NOW.plusSeconds(60), 500));
        record(byClick("inq-1", other, NOW.plusSeconds(60), null, ConversionType.INQUIRY));

        credit(click);

        assertThat(report()).containsExactly(new DayConversions(TODAY,
                Map.of(ConversionType.INQUIRY, new DayConversions.TypeTotals(1, Money.ZERO))));
    }

    @Test
    void a_conversion_naming_a_credited_click_is_recorded_unattributed() {
        ClickLogged click = logClick(newImpression(), aViewer(), NOW);
        credit(click);

        ConversionLogged logged = record(byClick("bk-1", click, NOW.plusSeconds(60), 500));

        assertThat(reasonOf(logged)).isEqualTo(UnattributedReason.CLICK_CREDITED);
        assertThat(report()).isEmpty();
    }

    @Test
    void an_invalid_click_earns_nothing() {
        TrafficEvent invalid = event(campaign.id(), newImpression(), aViewer(), NOW,
                new EventDetail.Invalid(InvalidClickReason.BOT_USER_AGENT));
        stores.clicks().appendInvalidClick(invalid);

        ConversionLogged logged = record(new ConversionToRecord(new ConversionId("bk-1"), ConversionType.BOOKING,
                Optional.empty(), NOW.plusSeconds(60), NOW.plusSeconds(61), new ConversionSubject.Click(invalid.eventId()),
                SUBJECT_HASH));

        assertThat(reasonOf(logged)).isEqualTo(UnattributedReason.CLICK_NOT_BILLED);
        assertThat(report()).isEmpty();
    }

    @Test
    void a_click_id_that_names_no_click_is_recorded_unattributed() {
        ConversionLogged logged = record(new ConversionToRecord(new ConversionId("bk-1"), ConversionType.BOOKING,
                Optional.empty(), NOW, NOW, new ConversionSubject.Click(TestData.IDS.newEventId()), SUBJECT_HASH));

        assertThat(reasonOf(logged)).isEqualTo(UnattributedReason.UNKNOWN_CLICK);
    }

    @Test
    void a_conversion_dated_before_its_click_writes_nothing() {
        ClickLogged click = logClick(newImpression(), aViewer(), NOW);

        ConversionLogged logged = record(byClick("bk-1", click, NOW.minusSeconds(61), 500));

        assertThat(logged).isEqualTo(new ConversionLogged.BeforeClick(click.event().ts()));
        // Within the clocks' skew it is taken as at the click.
        assertThat(attributedOf(record(byClick("bk-1", click, NOW.minusSeconds(59), 500))).clickId())
                .isEqualTo(click.event().eventId());
    }

    @Test
    void a_conversion_outside_the_click_window_is_recorded_unattributed() {
        ClickLogged click = logClick(newImpression(), aViewer(), NOW);

        ConversionLogged logged = record(byClick("bk-1", click, NOW.plus(Duration.ofDays(7)).plusSeconds(1), 500));

        assertThat(reasonOf(logged)).isEqualTo(UnattributedReason.OUTSIDE_WINDOW);
    }

    @Test
    void by_viewer_the_last_billed_click_on_the_entity_wins_across_two_campaigns() {
        Campaign second = campaignOnTheSameEntity();
        UserId viewer = aViewer();
        logClick(newImpression(), viewer, NOW);
        ClickLogged last = stores.clicks().logClick(click(second.id(), newImpression(), viewer, NOW.plus(Duration.ofHours(1)), 50));
        // A later click on another entity is not a candidate.
        stores.clicks().logClick(click(activeCampaign(1_000).id(), newImpression(), viewer, NOW.plus(Duration.ofHours(2)), 50));

        ConversionLogged logged = record(byViewer("bk-1", viewer, NOW.plus(Duration.ofHours(3))));

        assertThat(attributedOf(logged).clickId()).isEqualTo(last.event().eventId());
        assertThat(attributedOf(logged).campaignId()).isEqualTo(second.id());
        assertThat(stores.conversionReports().daily(second.id(), TODAY, TODAY)).hasSize(1);
        assertThat(report()).isEmpty();
    }

    @Test
    void by_viewer_a_click_after_the_conversion_or_before_the_window_earns_nothing() {
        UserId viewer = aViewer();
        logClick(newImpression(), viewer, NOW.minus(Duration.ofDays(8)));
        logClick(newImpression(), viewer, NOW.plusSeconds(3600));

        assertThat(reasonOf(record(byViewer("bk-1", viewer, NOW)))).isEqualTo(UnattributedReason.NO_CLICK);
    }

    @Test
    void a_click_late_on_one_budget_day_counts_its_conversion_on_that_day() {
        Instant lateYesterday = TODAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().minusSeconds(30);
        ClickLogged click = logClick(newImpression(), aViewer(), lateYesterday);

        record(byClick("bk-1", click, NOW, 500));

        assertThat(stores.conversionReports().daily(campaign.id(), TODAY.minusDays(1), TODAY)).extracting(DayConversions::day)
                .containsExactly(TODAY.minusDays(1));
    }

    private ConversionLogged record(ConversionToRecord conversion) {
        return stores.conversions().record(conversion, SEVEN_DAYS);
    }

    private List<DayConversions> report() {
        return stores.conversionReports().daily(campaign.id(), TODAY.minusDays(1), TODAY.plusDays(1));
    }

    private static ConversionToRecord byClick(String id, ClickLogged click, Instant at, Integer valueCents) {
        return byClick(id, click, at, valueCents, ConversionType.BOOKING);
    }

    private static ConversionToRecord byClick(String id, ClickLogged click, Instant at, Integer valueCents,
            ConversionType type) {
        return new ConversionToRecord(new ConversionId(id), type,
                Optional.ofNullable(valueCents).map(cents -> Money.ofCents(cents)), at, at,
                new ConversionSubject.Click(click.event().eventId()), valueCents == null ? SUBJECT_HASH : SUBJECT_HASH + valueCents);
    }

    private ConversionToRecord byViewer(String id, UserId viewer, Instant at) {
        return new ConversionToRecord(new ConversionId(id), ConversionType.BOOKING, Optional.empty(), at, at,
                new ConversionSubject.ViewerOnEntity(viewer.value(), campaign.target()), SUBJECT_HASH);
    }

    private Campaign campaignOnTheSameEntity() {
        Campaign draft = Campaign.draft(TestData.IDS.newCampaignId(), owner.id(), Surface.PEOPLE_SEARCH, campaign.target(),
                TestData.settings().cpc(50).dailyBudget(1_000).build(), NOW);
        stores.campaigns().insert(draft);
        Campaign active = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, NOW).orElseThrow();
        stores.campaigns().updateIfUnchanged(active, draft.updatedAt());
        topUp(active.id(), 5_000);
        return active;
    }

    private void credit(ClickLogged click) {
        EventId clickId = click.event().eventId();
        stores.ledger().record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), click.event().campaignId(), EntryKind.CREDIT,
                Money.ofCents(click.event().billedCents()), new IdempotencyKey(IdempotencyKey.INVALID_CLICK_CREDIT, clickId.value()),
                Optional.of("invalid click"), NOW.plus(Duration.ofHours(1))));
    }

    private static Attribution.Attributed attributedOf(ConversionLogged logged) {
        assertThat(logged).isInstanceOf(ConversionLogged.Recorded.class);
        Attribution attribution = ((ConversionLogged.Recorded) logged).conversion().attribution();
        assertThat(attribution).isInstanceOf(Attribution.Attributed.class);
        return (Attribution.Attributed) attribution;
    }

    private static UnattributedReason reasonOf(ConversionLogged logged) {
        assertThat(logged).isInstanceOf(ConversionLogged.Recorded.class);
        Attribution attribution = ((ConversionLogged.Recorded) logged).conversion().attribution();
        assertThat(attribution).isInstanceOf(Attribution.Unattributed.class);
        return ((Attribution.Unattributed) attribution).reason();
    }
}
