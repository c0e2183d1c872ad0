package io.promo.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.embedded.ConfigException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code PROMO_DB_READ_URL} and its credentials, read beside the writer's. */
class ReadReplicaSettingsTest {

    private static DatabaseSettings read(Map<String, String> values) {
        SettingsReader reader = new SettingsReader(values, new SecureRandom());
        PromoSettings settings = reader.promoSettings(false, false);
        reader.throwIfAny();
        return settings.database();
    }

    @Test
    void without_a_read_url_every_read_goes_to_the_writer() {
        assertThat(read(Map.of("PROMO_DB_URL", "jdbc:postgresql://writer/promo")).reader()).isEmpty();
    }

    @Test
    void a_read_url_with_its_own_credentials_is_read_and_its_password_never_printed() {
        DatabaseSettings database = read(Map.of("PROMO_DB_URL", "jdbc:postgresql://writer/promo",
                "PROMO_DB_READ_URL", "jdbc:postgresql://reader/promo", "PROMO_DB_READ_USER", "promo_ro",
                "PROMO_DB_READ_PASSWORD", "very-secret-reader-password"));

        assertThat(database.reader()).hasValueSatisfying(replica -> {
            assertThat(replica.url()).isEqualTo("jdbc:postgresql://reader/promo");
            assertThat(replica.user()).contains("promo_ro");
            assertThat(replica.password().map(Secret::value)).contains("very-secret-reader-password");
        });
        assertThat(database.toString()).contains("reader/promo as promo_ro").doesNotContain("very-secret-reader-password");
    }

    @Test
    void a_read_url_without_credentials_leaves_them_to_the_writers() {
        assertThat(read(Map.of("PROMO_DB_READ_URL", "jdbc:postgresql://reader/promo")).reader())
                .hasValueSatisfying(replica -> {
                    assertThat(replica.user()).isEqualTo(Optional.empty());
                    assertThat(replica.password()).isEmpty();
                });
    }

    @Test
    void a_read_url_that_is_no_postgresql_jdbc_url_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> read(Map.of("PROMO_DB_READ_URL", "postgres://reader/promo")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("PROMO_DB_READ_URL must be a PostgreSQL JDBC URL")));
    }
}
