package io.promo.domain.serving;

import io.promo.domain.serving.engine.DuplicateFinder;
import io.promo.domain.serving.engine.Search;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.Violations;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * The search service asks for a page: where (surface, role tab, city), what was typed, who is looking, how
 * many results the page shows, and the search engine's organic matches in its ranking order (relevance is
 * the search engine's job; promo only monetizes).
 *
 * <p>A request that exists is valid; otherwise its construction throws an {@link InvalidCommandException}
 * naming every broken field ({@code surface}, {@code role}, {@code city}, {@code query}, {@code viewer},
 * {@code page_size}, {@code organic_matches}), so no partial decision is ever made. The engine reads it as its
 * {@link Search}.
 *
 * @param query          the raw query text, at most {@value #MAX_QUERY_LENGTH} characters; may be empty
 * @param pageSize       1 to {@value #MAX_PAGE_SIZE}; {@value #DEFAULT_PAGE_SIZE} by default
 * @param memoryToken    the viewer-memory token of the viewer's previous decision, or null (ADR 0034). Never
 *                       refused: a token that does not verify reads as no memory
 * @param organicMatches at most {@value #MAX_ORGANIC_MATCHES} distinct entity ids. They are opaque: promo only
 *                       looks them up, so an id of another entity type (or unknown to promo) is simply never
 *                       promoted. Checking each id's form would read every id's characters on the decision
 *                       path, a measurable cost for no decision it could change.
 */
public record DecisionRequest(
        Surface surface,
        Optional<RoleCode> role,
        CityCode city,
        String query,
        Viewer viewer,
        int pageSize,
        List<String> organicMatches,
        String memoryToken) implements Search {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_ORGANIC_MATCHES = Search.MAX_ORGANIC_MATCHES;
    public static final int MAX_QUERY_LENGTH = 256;

    public DecisionRequest {
        Objects.requireNonNull(role, "role");
        query = query == null ? "" : query;
        Violations violations = new Violations();
        violations.require(surface != null, "surface", "is required: people_search or studio_search");
        violations.require(city != null, "city", "is required");
        violations.require(viewer != null, "viewer", "is required: a user id or an anonymous fingerprint hash");
        checkQuery(violations, query);
        checkPageSize(violations, pageSize);
        organicMatches = checkOrganicMatches(violations, organicMatches);
        violations.throwIfAny();
    }

    /** A request without a viewer-memory token. */
    public DecisionRequest(Surface surface, Optional<RoleCode> role, CityCode city, String query, Viewer viewer,
            int pageSize, List<String> organicMatches) {
        this(surface, role, city, query, viewer, pageSize, organicMatches, null);
    }

    /**
     * Parses the search service's raw values, reporting every broken field at once.
     *
     * @param role                 the role tab; null or blank for none
     * @param userId               the signed-in viewer, or null
     * @param anonymousFingerprint the anonymous viewer's fingerprint hash, or null (exactly one of the two)
     * @param pageSize             null for {@value #DEFAULT_PAGE_SIZE}
     */
    public static DecisionRequest parse(String surface, String role, String city, String query, String userId,
            String anonymousFingerprint, Integer pageSize, List<String> organicMatches) {
        return parse(surface, role, city, query, userId, anonymousFingerprint, pageSize, organicMatches, null);
    }

    /**
     * {@link #parse(String, String, String, String, String, String, Integer, List) parse} with the viewer-memory token
     * the search service got from the viewer's previous decision (null for none), in the one construction: a copy
     * with the token added would check all the organic matches again.
     */
    public static DecisionRequest parse(String surface, String role, String city, String query, String userId,
            String anonymousFingerprint, Integer pageSize, List<String> organicMatches, String memoryToken) {
        Violations violations = new Violations();
        Surface parsedSurface = null;
        if (surface == null) {
            violations.add("surface", "is required: people_search or studio_search");
        } else {
            try {
                parsedSurface = Surface.parse("surface", surface);
            } catch (InvalidCommandException e) {
                violations.addAll(e.violations());
            }
        }
        Optional<RoleCode> parsedRole = Optional.empty();
        if (role != null && !role.isBlank()) {
            try {
                parsedRole = Optional.of(RoleCode.parse("role", role));
            } catch (InvalidCommandException e) {
                violations.addAll(e.violations());
            }
        }
        CityCode parsedCity = null;
        try {
            parsedCity = CityCode.parse("city", city);
        } catch (InvalidCommandException e) {
            violations.addAll(e.violations());
        }
        violations.addAll(Viewer.problems(userId, anonymousFingerprint));
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (!violations.isEmpty()) {
            // Report the remaining fields too, so the caller fixes everything in one round.
            checkQuery(violations, query == null ? "" : query);
            checkPageSize(violations, size);
            checkOrganicMatches(violations, organicMatches);
            violations.throwIfAny();
        }
        return new DecisionRequest(parsedSurface, parsedRole, parsedCity, query,
                Viewer.parse(userId, anonymousFingerprint), size, organicMatches, memoryToken);
    }

    // The two checks below write their message only when they fail: every decision passes them, and a message
    // written each time showed in the decision's profile (docs/benchmarks.md, "Decision speed pass").
    private static void checkQuery(Violations violations, String query) {
        if (query.length() > MAX_QUERY_LENGTH) {
            violations.add("query", "must be at most " + MAX_QUERY_LENGTH + " characters (got " + query.length() + ")");
        }
    }

    private static void checkPageSize(Violations violations, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            violations.add("page_size", "must be between 1 and " + MAX_PAGE_SIZE + " (got " + pageSize + ")");
        }
    }

    /**
     * The matches as an immutable list, with any problem added to {@code violations}. One copy of the caller's list
     * (an array, wrapped unmodifiable rather than copied a second time) and one pass over it by the engine's
     * {@link DuplicateFinder}, which finds the null ids and the repeated ones: a decision's validation is a
     * measurable part of its cost.
     */
    private static List<String> checkOrganicMatches(Violations violations, List<String> matches) {
        if (matches == null) {
            violations.add("organic_matches", "is required (it may be empty)");
            return List.of();
        }
        String[] ids = matches.toArray(new String[0]);
        if (ids.length > MAX_ORGANIC_MATCHES) {
            violations.add("organic_matches", "must hold at most " + MAX_ORGANIC_MATCHES + " entity ids (got "
                    + ids.length + ")");
            return List.of();
        }
        DuplicateFinder finder = DuplicateFinder.ofThisThread();
        finder.check(ids);
        if (finder.nulls() > 0) {
            violations.add("organic_matches", "must not contain null ids (" + finder.nulls() + " found)");
            return List.of();
        }
        if (!finder.repeated().isEmpty()) {
            violations.add("organic_matches", "must not repeat an entity id; repeated: " + examples(finder.repeated()));
        }
        return new OrganicMatches(ids);
    }

    /**
     * The checked ids, read-only, over the array the check copied. One final class rather than an unmodifiable view
     * of {@code Arrays.asList}: the engine reads an id per candidate, and a single known {@code get} compiles to an
     * array read where the two-layer view left an interface call behind another.
     */
    private static final class OrganicMatches extends AbstractList<String> implements RandomAccess {
        private final String[] ids;

        OrganicMatches(String[] ids) {
            this.ids = ids;
        }

        @Override
        public String get(int index) {
            return ids[index];
        }

        @Override
        public int size() {
            return ids.length;
        }
    }

    private static String examples(List<String> ids) {
        return ids.size() <= 3 ? ids.toString() : ids.subList(0, 3) + " and " + (ids.size() - 3) + " more";
    }

    /** The user id's hash for a signed-in viewer, the complement of the fingerprint's for an anonymous one. */
    @Override
    public int viewerHash() {
        if (viewer instanceof Viewer.User user) {
            return user.userId().value().hashCode();
        }
        return ~((Viewer.Anonymous) viewer).fingerprintHash().hashCode();
    }

    @Override
    public String viewerKey() {
        return viewer.key();
    }
}
