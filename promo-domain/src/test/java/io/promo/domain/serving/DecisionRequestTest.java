package io.promo.domain.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DecisionRequestTest {

    private static final List<String> THREE = List.of("srv_a", "srv_b", "srv_c");

    private static List<String> fields(Throwable thrown) {
        return ((InvalidCommandException) thrown).violations().stream().map(Violation::field).toList();
    }

    private static InvalidCommandException parseFailure(String surface, String role, String city, String query,
            String user, String anonymous, Integer pageSize, List<String> organic) {
        try {
            DecisionRequest.parse(surface, role, city, query, user, anonymous, pageSize, organic);
        } catch (InvalidCommandException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidCommandException");
    }

    @Test
    void a_well_formed_search_parses_with_normalized_codes_and_the_default_page_size() {
        DecisionRequest request = DecisionRequest.parse("people_search", " Photographer ", "São Paulo", "Wedding",
                "usr_1", null, null, THREE);

        assertThat(request.surface()).isEqualTo(Surface.PEOPLE_SEARCH);
        assertThat(request.role()).contains(new RoleCode("photographer"));
        assertThat(request.city()).isEqualTo(new CityCode("sao-paulo"));
        assertThat(request.pageSize()).isEqualTo(DecisionRequest.DEFAULT_PAGE_SIZE);
        assertThat(request.viewer()).isEqualTo(Viewer.user(new io.promo.domain.shared.UserId("usr_1")));
        assertThat(request.organicMatches()).containsExactlyElementsOf(THREE);
    }

    @Test
    void a_blank_role_is_no_role_and_an_anonymous_viewer_is_a_fingerprint_hash() {
        DecisionRequest request = DecisionRequest.parse("studio_search", "  ", "berlin", "", null, "fp:3f2a", 10,
                List.of("std_1"));

        assertThat(request.role()).isEmpty();
        assertThat(request.viewer()).isEqualTo(Viewer.anonymous("fp:3f2a"));
    }

    @Test
    void an_unknown_surface_is_an_error_naming_the_field_and_the_choices() {
        InvalidCommandException e = parseFailure("home_feed", null, "berlin", "", "usr_1", null, 20, THREE);

        assertThat(fields(e)).containsExactly("surface");
        assertThat(e.getMessage()).contains("people_search", "studio_search", "home_feed");
    }

    @Test
    void a_missing_city_is_an_error() {
        assertThat(fields(parseFailure("people_search", null, null, "", "usr_1", null, 20, THREE))).containsExactly("city");
        assertThat(fields(parseFailure("people_search", null, "  ", "", "usr_1", null, 20, THREE))).containsExactly("city");
        assertThatThrownBy(() -> new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), null, "",
                Viewer.anonymous("x"), 20, THREE)).satisfies(e -> assertThat(fields(e)).containsExactly("city"));
    }

    @Test
    void a_page_size_outside_1_to_100_is_an_error() {
        for (int size : new int[] {0, -1, 101, Integer.MAX_VALUE}) {
            InvalidCommandException e = parseFailure("people_search", null, "berlin", "", "usr_1", null, size, THREE);
            assertThat(fields(e)).as("page size %d", size).containsExactly("page_size");
        }
        assertThat(DecisionRequest.parse("people_search", null, "berlin", "", "usr_1", null, 1, THREE).pageSize()).isEqualTo(1);
        assertThat(DecisionRequest.parse("people_search", null, "berlin", "", "usr_1", null, 100, THREE).pageSize()).isEqualTo(100);
    }

    @Test
    void more_than_1000_organic_matches_is_an_error_and_1000_is_fine() {
        List<String> thousand = IntStream.rangeClosed(1, 1000).mapToObj(i -> "srv_" + i).toList();
        List<String> tooMany = new ArrayList<>(thousand);
        tooMany.add("srv_1001");

        assertThat(DecisionRequest.parse("people_search", null, "berlin", "", "usr_1", null, 20, thousand)
                .organicMatches()).hasSize(1000);
        InvalidCommandException e = parseFailure("people_search", null, "berlin", "", "usr_1", null, 20, tooMany);
        assertThat(fields(e)).containsExactly("organic_matches");
        assertThat(e.getMessage()).contains("1000", "1001");
    }

    @Test
    void a_repeated_entity_id_is_an_error_that_names_it() {
        InvalidCommandException e = parseFailure("people_search", null, "berlin", "", "usr_1", null, 20,
                List.of("srv_a", "srv_b", "srv_a", "srv_c", "srv_b"));

        assertThat(fields(e)).containsExactly("organic_matches");
        assertThat(e.getMessage()).contains("srv_a", "srv_b").doesNotContain("srv_c");
    }

    @Test
    void repeated_ids_are_found_even_among_strings_with_equal_hash_codes() {
        // "Aa" and "BB" have the same String.hashCode; only the real repeat is an error.
        assertThat(DecisionRequest.parse("people_search", null, "berlin", "", "usr_1", null, 20,
                List.of("srv_Aa", "srv_BB")).organicMatches()).hasSize(2);
        InvalidCommandException e = parseFailure("people_search", null, "berlin", "", "usr_1", null, 20,
                List.of("srv_Aa", "srv_BB", "srv_Aa"));
        assertThat(e.getMessage()).contains("srv_Aa").doesNotContain("srv_BB");
    }

    @Test
    void organic_matches_are_opaque_ids_an_id_nobody_promotes_is_simply_not_promoted() {
        assertThat(DecisionRequest.parse("studio_search", null, "berlin", "", "usr_1", null, 20,
                List.of("std_1", "srv_2", "anything")).organicMatches()).hasSize(3);
    }

    @Test
    void null_organic_matches_or_null_ids_are_errors() {
        assertThat(fields(parseFailure("people_search", null, "berlin", "", "usr_1", null, 20, null)))
                .containsExactly("organic_matches");
        assertThat(fields(parseFailure("people_search", null, "berlin", "", "usr_1", null, 20,
                Arrays.asList("srv_1", null)))).containsExactly("organic_matches");
    }

    @Test
    void the_viewer_is_exactly_one_of_a_user_id_and_an_anonymous_fingerprint() {
        assertThat(fields(parseFailure("people_search", null, "berlin", "", null, null, 20, THREE))).containsExactly("viewer");
        assertThat(fields(parseFailure("people_search", null, "berlin", "", "usr_1", "fp", 20, THREE))).containsExactly("viewer");
        assertThat(fields(parseFailure("people_search", null, "berlin", "", "srv_1", null, 20, THREE))).containsExactly("viewer");
        assertThat(fields(parseFailure("people_search", null, "berlin", "", null, "has space", 20, THREE)))
                .containsExactly("viewer");
    }

    @Test
    void an_overlong_query_is_an_error() {
        String query = "x".repeat(DecisionRequest.MAX_QUERY_LENGTH + 1);
        assertThat(fields(parseFailure("people_search", null, "berlin", query, "usr_1", null, 20, THREE)))
                .containsExactly("query");
    }

    @Test
    void every_broken_field_is_reported_at_once() {
        List<String> duplicates = List.of("srv_a", "srv_a");

        InvalidCommandException e = parseFailure("feed", "???", null, "q".repeat(300), null, null, 0, duplicates);

        assertThat(fields(e)).containsExactly("surface", "role", "city", "viewer", "query", "page_size", "organic_matches");
    }

    @Test
    void the_request_keeps_its_own_copy_of_the_organic_matches() {
        List<String> organic = new ArrayList<>(THREE);
        DecisionRequest request = DecisionRequest.parse("people_search", null, "berlin", "", "usr_1", null, 20, organic);
        organic.add("srv_d");

        assertThat(request.organicMatches()).containsExactlyElementsOf(THREE);
    }

    /** The fingerprint's form as it was specified before {@code Viewer.Anonymous.isFingerprint} became a loop. */
    private static final java.util.regex.Pattern FINGERPRINT = java.util.regex.Pattern.compile("[A-Za-z0-9_.:=+/-]{1,128}");

    @Test
    void an_anonymous_fingerprint_hash_has_the_specified_form() {
        long seed = Seeds.base("an_anonymous_fingerprint_hash_has_the_specified_form");
        java.util.Random random = new java.util.Random(seed);
        String alphabet = "azAZ09_.:=+/-~ \u00E9\t@[`{";
        for (int trial = 0; trial < 100_000; trial++) {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(10) == 0) {
                // At the length limit, of allowed characters only: the length alone decides.
                text.append("aZ9_.:=+/-".repeat(13), 0, 126 + random.nextInt(4));
            }
            int length = random.nextInt(5);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(Viewer.Anonymous.isFingerprint(text.toString())).as("'%s', %s", text, Seeds.replay(seed))
                    .isEqualTo(FINGERPRINT.matcher(text).matches());
        }
        assertThat(Viewer.Anonymous.isFingerprint(null)).isFalse();
    }

    @Test
    void a_search_parses_with_the_viewers_memory_token() {
        DecisionRequest request = DecisionRequest.parse("people_search", null, "berlin", "", null, "fp_1", null,
                List.of("ent_1"), "m1.token");

        assertThat(request.memoryToken()).isEqualTo("m1.token");
        assertThat(DecisionRequest.parse("people_search", null, "berlin", "", null, "fp_1", null, List.of("ent_1"))
                .memoryToken()).isNull();
    }
}
