package io.promo.embedded;

import java.util.List;

/**
 * A search the search service asks sponsored results for: the fields of {@code POST /v1/decisions}, as plain values.
 * Nothing is checked here: {@link SearchAds#decide(AdRequest)} checks every field at once and names each broken one,
 * as the HTTP route does.
 *
 * @param surface              {@code people_search} or {@code studio_search}
 * @param role                 the role tab, or null for none
 * @param city                 the city code, such as {@code berlin}
 * @param query                what was typed; null or empty for none
 * @param userId               the signed-in searcher's user id, or null (exactly one of it and the fingerprint)
 * @param anonymousFingerprint the anonymous searcher's fingerprint hash, or null
 * @param pageSize             results on the page, or null for 20
 * @param organicMatches       the search engine's matches in its order (entity ids)
 * @param clientIp             the searcher's ip as the search service saw it: only ever hashed
 * @param clientUserAgent      the searcher's user agent: only ever hashed
 * @param memoryToken          the viewer-memory token {@link AdPage#memoryToken()} answered for this searcher's
 *                             previous page, or null: what keeps frequency caps across pages and nodes. A token
 *                             that does not verify (forged, another searcher's, oversized) is ignored, never refused
 */
public record AdRequest(String surface, String role, String city, String query, String userId,
        String anonymousFingerprint, Integer pageSize, List<String> organicMatches, String clientIp,
        String clientUserAgent, String memoryToken) {

    /**
     * A request without a viewer-memory token: frequency caps then count this page only.
     *
     * @param surface              {@code people_search} or {@code studio_search}
     * @param role                 the role tab, or null for none
     * @param city                 the city code
     * @param query                what was typed; null or empty for none
     * @param userId               the signed-in searcher's user id, or null
     * @param anonymousFingerprint the anonymous searcher's fingerprint hash, or null
     * @param pageSize             results on the page, or null for 20
     * @param organicMatches       the search engine's matches in its order
     * @param clientIp             the searcher's ip
     * @param clientUserAgent      the searcher's user agent
     */
    public AdRequest(String surface, String role, String city, String query, String userId,
            String anonymousFingerprint, Integer pageSize, List<String> organicMatches, String clientIp,
            String clientUserAgent) {
        this(surface, role, city, query, userId, anonymousFingerprint, pageSize, organicMatches, clientIp,
                clientUserAgent, null);
    }

    /** Hides the searcher's client, which is never logged. */
    @Override
    public String toString() {
        return "AdRequest[" + surface + ", " + city + ", client hidden]";
    }

    /**
     * A builder for a search on {@code surface} in {@code city}.
     *
     * @param surface {@code people_search} or {@code studio_search}
     * @param city the city code, such as {@code berlin}
     * @return a builder with every other field unset
     */
    public static Builder builder(String surface, String city) {
        return new Builder(surface, city);
    }

    /** Builds an {@link AdRequest} field by field; every field but surface and city starts unset. */
    public static final class Builder {
        private final String surface;
        private final String city;
        private String role;
        private String query;
        private String userId;
        private String anonymousFingerprint;
        private Integer pageSize;
        private List<String> organicMatches = List.of();
        private String clientIp;
        private String clientUserAgent;
        private String memoryToken;

        private Builder(String surface, String city) {
            this.surface = surface;
            this.city = city;
        }

        /**
         * The role tab searched in.
         *
         * @param role the role tab, such as {@code photographer}
         * @return this builder
         */
        public Builder role(String role) {
            this.role = role;
            return this;
        }

        /**
         * What was typed.
         *
         * @param query what the searcher typed
         * @return this builder
         */
        public Builder query(String query) {
            this.query = query;
            return this;
        }

        /**
         * A signed-in searcher.
         *
         * @param userId the signed-in searcher's user id
         * @return this builder
         */
        public Builder userViewer(String userId) {
            this.userId = userId;
            return this;
        }

        /**
         * An anonymous searcher, by the fingerprint hash the search service keeps.
         *
         * @param fingerprint the anonymous searcher's fingerprint hash
         * @return this builder
         */
        public Builder anonymousViewer(String fingerprint) {
            this.anonymousFingerprint = fingerprint;
            return this;
        }

        /**
         * Results on the page (20 when not set).
         *
         * @param pageSize results on the page
         * @return this builder
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /**
         * The search engine's matches in its ranking order.
         *
         * @param entityIds entity ids, best match first
         * @return this builder
         */
        public Builder organicMatches(List<String> entityIds) {
            this.organicMatches = entityIds;
            return this;
        }

        /**
         * The searcher's ip and user agent, as the search service saw them.
         *
         * @param ip the searcher's ip
         * @param userAgent the searcher's user agent
         * @return this builder
         */
        public Builder client(String ip, String userAgent) {
            this.clientIp = ip;
            this.clientUserAgent = userAgent;
            return this;
        }

        /**
         * The viewer-memory token of this searcher's previous page ({@link AdPage#memoryToken()}).
         *
         * @param token the token as promo answered it, or null
         * @return this builder
         */
        public Builder memoryToken(String token) {
            this.memoryToken = token;
            return this;
        }

        /**
         * The request; checked only when decided.
         *
         * @return the request
         */
        public AdRequest build() {
            return new AdRequest(surface, role, city, query, userId, anonymousFingerprint, pageSize, organicMatches,
                    clientIp, clientUserAgent, memoryToken);
        }
    }
}
