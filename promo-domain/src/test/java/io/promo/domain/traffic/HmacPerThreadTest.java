package io.promo.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.TextNormalizer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Each thread keeps one {@code Mac} per secret instead of cloning one per use: the tokens and hashes must stay byte
 * for byte what the clone-per-use code made. The reference below is that code (an initialised prototype, cloned for
 * each value), fed random secrets and values. Seeded: the seed is printed; replay with {@code -Dhmac.seed=…}.
 */
class HmacPerThreadTest {

    private static final long SEED = Long.getLong("hmac.seed", System.nanoTime());
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    static {
        System.out.println("HmacPerThreadTest seed " + SEED + " (replay with -Dhmac.seed=" + SEED + ")");
    }

    private final Random random = new Random(SEED);

    @Test
    void a_per_thread_mac_signs_what_a_fresh_clone_signed_for_random_secrets_and_messages() {
        for (int i = 0; i < 200; i++) {
            byte[] secret = randomBytes(32 + random.nextInt(64));
            Hmac hmac = new Hmac(secret);
            for (int j = 0; j < 5; j++) {
                byte[] message = randomBytes(random.nextInt(300));
                assertThat(hmac.sign(message)).as("case %d/%d", i, j).isEqualTo(cloneOfPrototype(secret, message));
            }
        }
    }

    @Test
    void keyed_hashes_and_query_signatures_equal_the_clone_per_use_values() {
        for (int i = 0; i < 200; i++) {
            byte[] secret = randomBytes(32 + random.nextInt(32));
            ClientHasher hasher = new ClientHasher(secret);
            QuerySignature queries = new QuerySignature(secret);
            String value = randomText();
            assertThat(hasher.ip(value)).isEqualTo(hex16(secret, "ip\u0000" + value.trim()));
            assertThat(hasher.userAgent(value)).isEqualTo(hex16(secret, "ua\u0000" + value));
            assertThat(hasher.fingerprint(value)).isEqualTo(hex16(secret, "fp\u0000" + value));
            assertThat(hasher.conversionSubject(value)).isEqualTo(hex16(secret, "cs\u0000" + value));
            assertThat(queries.of(value)).isEqualTo(hex16(secret, TextNormalizer.normalize(value)));
        }
    }

    @Test
    void click_tokens_equal_the_clone_per_use_tokens_under_the_newest_of_rotated_keys() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC);
        for (int i = 0; i < 100; i++) {
            byte[] newest = randomBytes(32 + random.nextInt(32));
            byte[] older = randomBytes(32 + random.nextInt(32));
            ClickTokenSigner signer = new ClickTokenSigner(List.of(SigningKey.active("k" + i, newest),
                    new SigningKey("old", older, Optional.of(clock.instant().plusSeconds(60)))),
                    ClickTokenSigner.DEFAULT_LIFETIME, clock);
            ClickClaims claims = randomClaims(clock.instant());
            String token = signer.sign(claims);
            String signed = token.substring(0, token.lastIndexOf('.'));
            assertThat(signed).startsWith("v2.k" + i + ".");
            assertThat(token).isEqualTo(signed + "." + BASE64URL.encodeToString(
                    cloneOfPrototype(newest, signed.getBytes(StandardCharsets.US_ASCII))));
            assertThat(signer.verify(token)).isInstanceOf(TokenVerification.Valid.class);
        }
    }

    @Test
    void threads_signing_at_once_under_two_keys_each_get_the_clone_per_use_value() throws Exception {
        byte[] first = randomBytes(32);
        byte[] second = randomBytes(48);
        Hmac one = new Hmac(first);
        Hmac two = new Hmac(second);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            messages.add(randomBytes(random.nextInt(200)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> checks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                checks.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (byte[] message : messages) {
                        mismatches += java.util.Arrays.equals(one.sign(message), cloneOfPrototype(first, message)) ? 0 : 1;
                        mismatches += java.util.Arrays.equals(two.sign(message), cloneOfPrototype(second, message)) ? 0 : 1;
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> check : checks) {
                assertThat(check.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The code before: a prototype initialised once, cloned for each value. */
    private static byte[] cloneOfPrototype(byte[] secret, byte[] message) {
        try {
            Mac prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secret, "HmacSHA256"));
            return ((Mac) prototype.clone()).doFinal(message);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String hex16(byte[] secret, String text) {
        return HexFormat.of().formatHex(cloneOfPrototype(secret, text.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private ClickClaims randomClaims(Instant now) {
        return new ClickClaims(new EventId("pevt_" + Long.toHexString(random.nextLong() & Long.MAX_VALUE) + "_p" + random.nextInt(20)),
                new CampaignId("pcmp_" + Long.toHexString(random.nextLong() & Long.MAX_VALUE)),
                Money.ofCents(1 + random.nextInt(10_000)), now.minusMillis(random.nextInt(60_000)),
                Surface.values()[random.nextInt(Surface.values().length)], new CityCode("c" + random.nextInt(1000)),
                random.nextBoolean() ? Optional.empty() : Optional.of(new RoleCode("r" + random.nextInt(100))),
                HexFormat.of().formatHex(randomBytes(16)));
    }

    private String randomText() {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextInt(4) == 0 ? 0x20 + random.nextInt(0x2FF) : 'a' + random.nextInt(26));
        }
        return text.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
