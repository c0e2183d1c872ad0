package io.promo.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.serving.Seeds;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The normalization's fast path for printable ASCII and the loops that replaced the codes' regular expression, each
 * held to the rules they shortcut. Seeded: a failure names its seed; -Dpromo.seed replays it.
 */
class TextNormalizerTest {

    /** The codes' form as it was specified before {@link CodeSyntax} became a loop. */
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** Printable ASCII with the characters the rules treat specially, tabs, other white space, accents and marks. */
    private static final String ALPHABET = "aAZz09 -_~!.@[`{\t\n\u000B\u001F\u007F\u00A0\u00E9e\u0301\u0130\u2003\u00DF";

    @Test
    void printable_ascii_normalizes_by_the_rules() {
        assertThat(TextNormalizer.normalize("  Wedding   Photographer ")).isEqualTo("wedding photographer");
        assertThat(TextNormalizer.normalize("new york")).isEqualTo("new york");
        assertThat(TextNormalizer.normalize(" ")).isEmpty();
        assertThat(TextNormalizer.normalize("")).isEmpty();
        assertThat(TextNormalizer.normalize("São\u00A0Paulo")).isEqualTo("sao paulo");
    }

    @Test
    void the_fast_path_agrees_with_the_rules_on_any_text() {
        long seed = Seeds.base("the_fast_path_agrees_with_the_rules_on_any_text");
        Random random = new Random(seed);
        for (int trial = 0; trial < 100_000; trial++) {
            String text = randomText(random, random.nextInt(3) == 0 ? "ABCabc  " : ALPHABET);
            assertThat(TextNormalizer.normalize(text)).as("'%s', %s", text, Seeds.replay(seed))
                    .isEqualTo(TextNormalizer.normalizeByRules(text));
        }
    }

    @Test
    void a_code_has_the_specified_form() {
        long seed = Seeds.base("a_code_has_the_specified_form");
        Random random = new Random(seed);
        for (int trial = 0; trial < 100_000; trial++) {
            String text = random.nextInt(10) == 0 ? "a".repeat(60 + random.nextInt(8)) : randomText(random, ALPHABET + "az-_09");
            assertThat(CodeSyntax.isCode(text)).as("'%s', %s", text, Seeds.replay(seed))
                    .isEqualTo(CODE.matcher(text).matches());
        }
        assertThat(CodeSyntax.isCode(null)).isFalse();
    }

    private static String randomText(Random random, String alphabet) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
