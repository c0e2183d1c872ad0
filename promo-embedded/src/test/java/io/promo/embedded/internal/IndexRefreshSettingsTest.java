package io.promo.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.embedded.ConfigException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code PROMO_INDEX_FULL_REBUILD_INTERVAL}: the serving index's rebuild from every row between incremental refreshes. */
class IndexRefreshSettingsTest {

    private static Duration read(Map<String, String> values) {
        SettingsReader reader = new SettingsReader(values, new SecureRandom());
        PromoSettings settings = reader.promoSettings(false, false);
        reader.throwIfAny();
        return settings.indexFullRebuildInterval();
    }

    @Test
    void unset_the_index_is_rebuilt_from_every_row_every_ten_minutes() {
        assertThat(read(Map.of())).isEqualTo(Duration.ofMinutes(10));
        assertThat(PromoSettings.NAMES).contains("PROMO_INDEX_FULL_REBUILD_INTERVAL");
    }

    @ParameterizedTest
    @CsvSource({"0, PT0S", "0s, PT0S", "30s, PT30S", "5m, PT5M", "1440m, PT24H", "90000ms, PT1M30S"})
    void a_duration_from_zero_to_a_day_is_read(String raw, Duration expected) {
        assertThat(read(Map.of("PROMO_INDEX_FULL_REBUILD_INTERVAL", raw))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1s", "1441m", "ten minutes", "1h", ""})
    void anything_else_is_refused_naming_the_setting(String raw) {
        assertThatThrownBy(() -> read(Map.of("PROMO_INDEX_FULL_REBUILD_INTERVAL", raw)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("PROMO_INDEX_FULL_REBUILD_INTERVAL must be a duration from 0s to 1440m")));
    }
}
