package io.promo.domain.traffic;

/**
 * A click as the search service reports it ({@code POST /v1/clicks}): untrusted strings, any of them may be
 * missing or wrong. {@link RecordClick} turns every problem into an {@code invalid_click}, never an exception.
 *
 * @param clickToken           the token of the clicked sponsored result
 * @param userId               the signed-in viewer ({@code usr_…}), or null
 * @param anonymousFingerprint the anonymous viewer's fingerprint hash, or null (exactly one of the two)
 * @param ip                   the client's ip address as the search service saw it; hashed, never stored
 * @param userAgent            the client's user agent; hashed, never stored
 */
public record ClickCommand(String clickToken, String userId, String anonymousFingerprint, String ip, String userAgent) {

    @Override
    public String toString() {
        // Never print the client's ip or user agent (I9), nor the token.
        return "ClickCommand[token of " + (clickToken == null ? 0 : clickToken.length()) + " chars, viewer "
                + (userId != null ? userId : anonymousFingerprint != null ? "anonymous" : "missing") + "]";
    }
}
