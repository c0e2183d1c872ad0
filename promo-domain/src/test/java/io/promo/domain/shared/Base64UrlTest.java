package io.promo.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64UrlTest {

    @Test
    void what_the_encoder_writes_reads_back_for_every_length() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("Base64UrlTest seed " + seed);
        for (int length = 0; length < 70; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String text = Base64Url.ENCODER.encodeToString(bytes);
            assertThat(Base64Url.decodeCanonical(text)).as("seed %d, %d bytes", seed, length).isEqualTo(bytes);
            byte[] framed = ("x." + text + ".y").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(Base64Url.decodeCanonical(framed, 2, 2 + text.length())).as("at an offset").isEqualTo(bytes);
        }
    }

    @Test
    void every_other_spelling_of_the_same_bytes_is_refused() {
        // "QQ" is the byte 0x41; "QR", "QS", "QT" decode to it too (the unused low bits of the last character).
        assertThat(Base64Url.decodeCanonical("QQ")).containsExactly(0x41);
        assertThat(Base64Url.decodeCanonical("QR")).isNull();
        assertThat(Base64Url.decodeCanonical("QUE")).containsExactly(0x41, 0x41);
        assertThat(Base64Url.decodeCanonical("QUF")).isNull();
        // Padding: the JDK's decoder accepts it, the encoder never writes it.
        assertThat(Base64Url.decodeCanonical("QQ==")).isNull();
        assertThat(Base64Url.decodeCanonical("QUE=")).isNull();
        assertThat(Base64Url.decodesLeniently("QQ==")).isTrue();
    }

    @Test
    void what_is_no_base64_at_all_is_refused() {
        assertThat(Base64Url.decodeCanonical("Q")).isNull();
        assertThat(Base64Url.decodeCanonical("not*base64!")).isNull();
        assertThat(Base64Url.decodeCanonical("QQé")).isNull();
        assertThat(Base64Url.decodesLeniently("not*base64!")).isFalse();
    }
}
