package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.campaign.Format;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.traffic.EventDetail;
import io.promo.domain.traffic.InvalidClickReason;
import org.junit.jupiter.api.Test;

/**
 * {@code extra_json} and the count outcomes keep the keys and spellings rows have always had (the domain wrote them
 * from a map before, in this order), so old rows, the reports' SQL and new rows read alike.
 */
class TrafficEventMapperTest {

    @Test
    void extra_json_of_each_kind_is_what_rows_have_always_held() {
        assertThat(TrafficEventMapper.extraJson(new EventDetail.Served(Surface.PEOPLE_SEARCH, 3, Money.ofCents(60),
                Format.FEATURED))).isEqualTo("{\"surface\":\"people_search\",\"position\":3,\"cpc_cents\":60,\"format\":\"featured\"}");
        assertThat(TrafficEventMapper.extraJson(new EventDetail.Billed(Money.ofCents(75), Money.ofCents(90))))
                .as("billed_cents as always, then the click's bid").isEqualTo("{\"billed_cents\":75,\"bid_cents\":90}");
        assertThat(TrafficEventMapper.extraJson(new EventDetail.NotBilled(NotBilledReason.DAILY_BUDGET)))
                .isEqualTo("{\"billed_cents\":0,\"reason\":\"daily_budget\"}");
        assertThat(TrafficEventMapper.extraJson(new EventDetail.Invalid(InvalidClickReason.DUPLICATE_IMPRESSION)))
                .isEqualTo("{\"reason\":\"duplicate_impression\"}");
        assertThat(TrafficEventMapper.extraJson(EventDetail.UNCLASSIFIED)).isEqualTo("{}");
    }

    @Test
    void a_billed_click_adds_its_bid_minus_its_price_to_the_days_savings_and_nothing_else_adds_any() {
        assertThat(TrafficEventMapper.savingsCents(new EventDetail.Billed(Money.ofCents(26), Money.ofCents(70)))).isEqualTo(44);
        assertThat(TrafficEventMapper.savingsCents(new EventDetail.Billed(Money.ofCents(70)))).isZero();
        assertThat(TrafficEventMapper.savingsCents(new EventDetail.NotBilled(NotBilledReason.BALANCE))).isZero();
        assertThat(TrafficEventMapper.savingsCents(new EventDetail.Invalid(InvalidClickReason.SELF_CLICK))).isZero();
    }

    @Test
    void every_reason_is_counted_under_its_code_and_read_back_as_itself() {
        assertThat(TrafficEventMapper.outcome(new EventDetail.Billed(Money.ofCents(1)))).isEqualTo("billed");
        assertThat(TrafficEventMapper.outcome(new EventDetail.Served(Surface.PEOPLE_SEARCH, 1, Money.ofCents(1),
                Format.FEATURED))).isEmpty();
        for (NotBilledReason reason : new NotBilledReason[] {NotBilledReason.DAILY_BUDGET, NotBilledReason.TOTAL_BUDGET,
                NotBilledReason.BALANCE}) {
            String outcome = TrafficEventMapper.outcome(new EventDetail.NotBilled(reason));
            assertThat(outcome).matches("[a-z_]+");
            assertThat(TrafficEventMapper.notBilledReason(outcome)).isEqualTo(reason);
        }
        for (InvalidClickReason reason : InvalidClickReason.values()) {
            String outcome = TrafficEventMapper.outcome(new EventDetail.Invalid(reason));
            assertThat(outcome).isEqualTo(reason.code());
            assertThat(TrafficEventMapper.invalidReason(outcome)).isEqualTo(reason);
        }
        assertThatThrownBy(() -> TrafficEventMapper.invalidReason("not_a_reason")).isInstanceOf(IllegalStateException.class);
    }
}
