package io.promo.domain.traffic;

/** Why a click token is not honoured; each becomes the reason of an {@code invalid_click}. */
public enum TokenRejection {
    /** Not a token at all: garbage, truncated, oversize, or fields that do not parse. */
    MALFORMED,
    /** Signed with a key id we do not know, or no longer accept. */
    UNKNOWN_KEY,
    /** The signature does not match the content: tampered or forged. */
    BAD_SIGNATURE,
    /** Older than the token lifetime. */
    EXPIRED,
    /** Claims to be served in the future: a forged or badly skewed clock. */
    NOT_YET_VALID
}
