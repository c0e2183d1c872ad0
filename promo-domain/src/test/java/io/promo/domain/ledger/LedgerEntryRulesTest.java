package io.promo.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Money;
import io.promo.domain.testing.TestData;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a ledger entry may be (the seed's kinds, signs and lengths), what a page of entries and a key may be. */
class LedgerEntryRulesTest {

    private final CampaignId campaign = TestData.IDS.newCampaignId();
    private final IdempotencyKey key = new IdempotencyKey(IdempotencyKey.STRIPE, "re_1");

    private LedgerEntry entry(EntryKind kind, long cents, Optional<String> reason) {
        return new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign, kind, Money.ofCents(cents), key, reason,
                TestData.NOW);
    }

    @Test
    void an_adjustment_carries_its_sign_so_a_refund_is_a_negative_entry_and_only_zero_is_refused() {
        assertThat(entry(EntryKind.ADJUSTMENT, -200, Optional.empty()).balanceEffect()).isEqualTo(Money.ofCents(-200));
        assertThat(entry(EntryKind.ADJUSTMENT, 200, Optional.empty()).balanceEffect()).isEqualTo(Money.ofCents(200));

        assertThatThrownBy(() -> entry(EntryKind.ADJUSTMENT, 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-zero");
    }

    @Test
    void topups_credits_and_spends_are_stored_positive_and_a_spend_takes_from_the_balance() {
        for (EntryKind kind : new EntryKind[] {EntryKind.TOPUP, EntryKind.CREDIT, EntryKind.SPEND}) {
            assertThatThrownBy(() -> entry(kind, 0, Optional.empty())).as(kind.code())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
            assertThatThrownBy(() -> entry(kind, -1, Optional.empty())).as(kind.code())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(entry(EntryKind.TOPUP, 1, Optional.empty()).balanceEffect()).isEqualTo(Money.ofCents(1));
        assertThat(entry(EntryKind.SPEND, 50, Optional.empty()).balanceEffect()).isEqualTo(Money.ofCents(-50));
    }

    @Test
    void a_reason_of_exactly_the_column_length_is_kept_and_a_longer_one_cannot_reach_the_ledger() {
        String longest = "r".repeat(LedgerEntry.MAX_REASON_LENGTH);

        assertThat(entry(EntryKind.CREDIT, 100, Optional.of(longest)).reason()).contains(longest);
        assertThatThrownBy(() -> entry(EntryKind.CREDIT, 100, Optional.of(longest + "r")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
    }

    @Test
    void a_page_of_ledger_entries_holds_one_to_five_hundred_entries() {
        assertThat(LedgerPage.first(1).limit()).isEqualTo(1);
        assertThat(LedgerPage.first(LedgerPage.MAX_LIMIT).limit()).isEqualTo(500);

        assertThatThrownBy(() -> LedgerPage.first(0)).isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> LedgerPage.first(LedgerPage.MAX_LIMIT + 1)).isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void entry_kinds_are_stored_as_the_seeds_codes_and_read_back_from_them() {
        assertThat(Arrays.stream(EntryKind.values()).map(EntryKind::code))
                .containsExactly("topup", "spend", "credit", "adjustment");
        for (EntryKind kind : EntryKind.values()) {
            assertThat(EntryKind.parse("kind", kind.code())).isEqualTo(kind);
        }
        assertThatThrownBy(() -> EntryKind.parse("kind", "refund")).isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("kind");
    }

    @Test
    void a_processor_reference_is_usable_as_a_key_only_when_it_is_short_and_plain() {
        assertThat(IdempotencyKey.isValidReference("pi_3Pq1x2")).isTrue();
        assertThat(IdempotencyKey.isValidReference("dp_1:withdrawn")).isTrue();
        assertThat(IdempotencyKey.isValidReference("r".repeat(200))).isTrue();

        assertThat(IdempotencyKey.isValidReference(null)).isFalse();
        assertThat(IdempotencyKey.isValidReference("")).isFalse();
        assertThat(IdempotencyKey.isValidReference("r".repeat(201))).isFalse();
        assertThat(IdempotencyKey.isValidReference("pi 1")).isFalse();
    }

    @Test
    void a_key_reads_as_source_and_reference_in_messages_and_logs() {
        assertThat(key).hasToString("stripe:re_1");
    }
}
