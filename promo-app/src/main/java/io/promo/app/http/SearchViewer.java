package io.promo.app.http;

/**
 * The searcher as the search service names them, {@code "viewer": {"user_id"} or {"anon_fingerprint"}}, on
 * decisions and clicks. Whether exactly one is given is the domain's to judge: a decision refuses the request,
 * a click is logged as invalid.
 */
record SearchViewer(String userId, String anonymousFingerprint) {

    static final SearchViewer NONE = new SearchViewer(null, null);

    // Its fields, each named once.
    private static final String USER_ID = "user_id";
    private static final String ANON_FINGERPRINT = "anon_fingerprint";

    /** Reads a {@code viewer} object; {@link #NONE} when it is missing (its absence was reported already). */
    static SearchViewer read(JsonBody viewer) {
        if (viewer == null) {
            return NONE;
        }
        viewer.allowOnly(USER_ID, ANON_FINGERPRINT);
        return new SearchViewer(viewer.optionalText(USER_ID).orElse(null), viewer.optionalText(ANON_FINGERPRINT).orElse(null));
    }
}
