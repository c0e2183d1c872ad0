package io.promo.domain.serving.memory;

import java.util.Locale;

/**
 * What reading a decision's viewer-memory token found. Only {@link #VALID} memory is used; anything else reads as no
 * memory, so a token can never lift a cap, only keep one (the decision still answers).
 */
public enum MemoryReading {
    /** The request carried no token: the caps count only this page. */
    ABSENT,
    /** Signed by a key of ours, for this viewer, and well formed. */
    VALID,
    /**
     * Not signed by a key we accept, signed for another viewer, spelt otherwise than we write it (non-canonical
     * base64url), stamped more than a minute ahead of our clock, or not of our format.
     */
    FORGED,
    /** Longer than any token we write ({@link MemoryTokenCodec#MAX_TOKEN_LENGTH}): not decoded at all. */
    OVERSIZED,
    /** Written longer ago than the longest cap period: nothing in it could still count. */
    EXPIRED;

    /** The metric's label: {@code forged}, {@code valid}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
