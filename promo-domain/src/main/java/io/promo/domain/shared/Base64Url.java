package io.promo.domain.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Base64url without padding, as promo's tokens are written, and the one rule for reading them back: a text is
 * accepted only in the spelling the encoder writes. The JDK's decoder ignores the bits a last character leaves unused
 * (and accepts padding), so up to four texts decode alike; a signed token must not verify under any spelling but its
 * own.
 */
public final class Base64Url {

    public static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    /** The bytes of {@code text[from, to)} (ASCII) if it is base64url spelt as {@link #ENCODER} writes it; else null. */
    public static byte[] decodeCanonical(byte[] text, int from, int to) {
        int length = to - from;
        if (length == 0) {
            return new byte[0];
        }
        // A last character outside the alphabet is padding (or worse); one that leaves data bits unused must leave
        // them zero. The characters before it the decoder checks.
        int last = sextet(text[to - 1]);
        if (last < 0 || length % 4 == 1 || length % 4 == 2 && (last & 0x0F) != 0 || length % 4 == 3 && (last & 0x03) != 0) {
            return null;
        }
        try {
            ByteBuffer decoded = DECODER.decode(ByteBuffer.wrap(text, from, length));
            byte[] bytes = new byte[decoded.remaining()];
            decoded.get(bytes);
            return bytes;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** {@link #decodeCanonical(byte[], int, int)} of a whole text (a character outside ASCII is no base64). */
    public static byte[] decodeCanonical(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        return decodeCanonical(ascii, 0, ascii.length);
    }

    /** Whether {@code text} decodes at all, in any spelling: what tells a mangled text from a forged one. */
    public static boolean decodesLeniently(String text) {
        try {
            DECODER.decode(text);
            return true;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static int sextet(byte c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }
}
