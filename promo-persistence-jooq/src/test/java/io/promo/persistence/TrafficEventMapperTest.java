package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.campaign.Format;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.traffic.EventDetail;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.IdPrefix;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.traffic.InvalidClickReason;
import io.promo.domain.traffic.TrafficEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
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

    @Test
    void no_id_code_or_hash_of_an_event_can_hold_a_character_that_copy_would_need_escaped() {
        // appendCopyRow writes every value whole: this is what lets it.
        for (char c : new char[] {'\\', '\t', '\n', '\r'}) {
            for (IdPrefix prefix : IdPrefix.values()) {
                assertThat(prefix.matches(prefix.prefix() + "_a" + c + "b")).as("%s with %s", prefix, (int) c).isFalse();
            }
            assertThatThrownBy(() -> new CityCode("a" + c + "b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new RoleCode("a" + c + "b")).isInstanceOf(IllegalArgumentException.class);
            String hash = "ab" + c + "cd";
            assertThatThrownBy(() -> impression(hash, HASH, HASH, Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> impression(HASH, hash, HASH, Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> impression(HASH, HASH, hash, Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> impression(HASH, HASH, HASH, Optional.of(hash)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (Surface surface : Surface.values()) {
            for (Format format : Format.values()) {
                assertThat(TrafficEventMapper.extraJson(new EventDetail.Served(surface, 1, Money.ofCents(1), format)))
                        .doesNotContain("\\", "\t", "\n", "\r");
            }
        }
        for (NotBilledReason reason : new NotBilledReason[] {NotBilledReason.DAILY_BUDGET, NotBilledReason.TOTAL_BUDGET,
                NotBilledReason.BALANCE}) {
            assertThat(TrafficEventMapper.extraJson(new EventDetail.NotBilled(reason))).doesNotContain("\\", "\t", "\n", "\r");
        }
        for (InvalidClickReason reason : InvalidClickReason.values()) {
            assertThat(TrafficEventMapper.extraJson(new EventDetail.Invalid(reason))).doesNotContain("\\", "\t", "\n", "\r");
        }
    }

    @Test
    void an_impression_is_one_line_of_thirteen_tab_separated_fields_with_its_nulls_spelt_as_copy_reads_them() {
        StringBuilder row = new StringBuilder();
        TrafficEventMapper.appendCopyRow(row, impression(HASH, HASH, HASH, Optional.of(HASH)));

        assertThat(row.toString()).endsWith("\n").doesNotContain("\r");
        String[] fields = row.substring(0, row.length() - 1).split("\t", -1);
        assertThat(fields).hasSize(13);
        assertThat(fields[0]).isEqualTo("pevt_1");
        assertThat(fields[4]).as("no role").isEqualTo("\\N");
        assertThat(fields[7]).as("no user: an anonymous viewer").isEqualTo("\\N");
        assertThat(fields[8]).isEqualTo(HASH);
        assertThat(Instant.parse(fields[11])).isEqualTo(Instant.parse("2026-12-04T21:52:21.123456Z"));
        assertThat(fields[12]).isEqualTo("{\"surface\":\"people_search\",\"position\":2,\"cpc_cents\":60,\"format\":\"featured\"}");
    }

    private static final String HASH = "0123456789abcdef";

    private static TrafficEvent impression(String queryHash, String ipHash, String uaHash, Optional<String> anonFpHash) {
        return new TrafficEvent(new EventId("pevt_1"), new CampaignId("pcmp_1"), new EventId("pevt_1"), Optional.empty(),
                new CityCode("berlin"), queryHash, Optional.empty(), anonFpHash, ipHash, uaHash,
                Instant.parse("2026-12-04T21:52:21.123456Z"),
                new EventDetail.Served(Surface.PEOPLE_SEARCH, 2, Money.ofCents(60), Format.FEATURED));
    }

    @Test
    void a_timestamp_is_written_as_the_same_instant_as_instant_to_string_would_write_it() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 10_000; i++) {
            long second = random.nextLong(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 1);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant ts = Instant.ofEpochSecond(second, nanos);
            String written = TrafficEventMapper.appendTimestamp(new StringBuilder(), ts).toString();
            assertThat(Instant.parse(written)).as("seed %d: %s written as %s", seed, ts, written).isEqualTo(ts);
            assertThat(written).as("seed %d", seed).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{9})?Z");
        }
        assertThat(TrafficEventMapper.appendTimestamp(new StringBuilder(), Instant.parse("2026-12-04T21:52:21Z")))
                .hasToString("2026-12-04T21:52:21Z");
        assertThat(TrafficEventMapper.appendTimestamp(new StringBuilder(), Instant.parse("2026-01-02T03:04:05.006Z")))
                .hasToString("2026-01-02T03:04:05.006000000Z");
        Instant farFuture = Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(TrafficEventMapper.appendTimestamp(new StringBuilder(), farFuture)).hasToString(farFuture.toString());
    }
}
