package io.promo.domain.serving.memory;

import io.promo.domain.campaign.FrequencyCap;
import io.promo.domain.shared.Base64Url;
import io.promo.domain.shared.CampaignId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads and writes viewer-memory tokens (CitrusAd's memory token): what carries a viewer's frequency-capped
 * impressions from one decision to the next, on any node, with nothing stored on the decision path (ADR 0034).
 *
 * <p>A token reads {@code m1.<key id>.<payload>.<mac>}: the payload is a {@link ViewerMemory} in base64url (at most
 * {@value ViewerMemory#MAX_BYTES} bytes), the MAC a 128-bit tag ({@link MemorySeal#mac}: two SipHash-2-4 under keys
 * derived from the click tokens' signing key named) of {@code m1.<key id>.<payload>}, a zero byte and the viewer's key. So a token verifies only for
 * the viewer it was written for: one viewer's token handed to another reads {@link MemoryReading#FORGED}. Only the
 * canonical base64url spelling is accepted (the bits a last character leaves unused must be zero).
 *
 * <p>Reading never throws and never trusts: a token that is not {@link MemoryReading#VALID} reads as an empty memory,
 * which can only let a capped campaign be shown as if the page were the viewer's first. Thread-safe.
 */
public final class MemoryTokenCodec {

    static final String VERSION = "m1";
    static final int MAC_BYTES = 16;
    /** A key id is at most 16 characters ({@code SigningKey}). */
    static final int MAX_KEY_ID_LENGTH = 16;
    /** The longest token {@link #write} can produce; anything longer is {@link MemoryReading#OVERSIZED}, unread. */
    public static final int MAX_TOKEN_LENGTH = VERSION.length() + 1 + MAX_KEY_ID_LENGTH + 1
            + base64Length(ViewerMemory.MAX_BYTES) + 1 + base64Length(MAC_BYTES);
    /** The skew tolerated between nodes' clocks: a token written further ahead of ours is not one of ours. */
    static final int SKEW_MINUTES = 1;

    private final MemorySeal seal;
    private final MemoryReadings readings;

    public MemoryTokenCodec(MemorySeal seal, MemoryReadings readings) {
        this.seal = Objects.requireNonNull(seal, "seal");
        this.readings = Objects.requireNonNull(readings, "readings");
    }

    /** What a token says, and how it was read; counted in {@link MemoryReadings}. */
    public record Read(MemoryReading reading, ViewerMemory memory) {
    }

    public MemoryReadings readings() {
        return readings;
    }

    public int campaignHash(CampaignId campaign) {
        return seal.campaignHash(campaign);
    }

    /**
     * @param viewerKey the viewer's stable key ({@code Viewer.key()}): a token binds to it
     * @param nowMinute minutes since the epoch
     */
    public Read read(String token, String viewerKey, long nowMinute) {
        Read read = check(token, viewerKey, nowMinute);
        readings.count(read.reading());
        return read;
    }

    private Read check(String token, String viewerKey, long nowMinute) {
        if (token == null || token.isEmpty()) {
            return new Read(MemoryReading.ABSENT, ViewerMemory.EMPTY);
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return forgotten(MemoryReading.OVERSIZED);
        }
        // Read as bytes once: a character outside Latin-1 becomes '?', which no part of a token may hold.
        byte[] text = token.getBytes(StandardCharsets.ISO_8859_1);
        int first = indexOf(text, 0);
        int second = first < 0 ? -1 : indexOf(text, first + 1);
        int third = second < 0 ? -1 : indexOf(text, second + 1);
        if (third < 0 || indexOf(text, third + 1) >= 0 || first != VERSION.length() || text[0] != 'm' || text[1] != '1') {
            return forgotten(MemoryReading.FORGED);
        }
        byte[] payload = Base64Url.decodeCanonical(text, second + 1, third);
        byte[] mac = Base64Url.decodeCanonical(text, third + 1, text.length);
        if (payload == null || mac == null || mac.length != MAC_BYTES) {
            return forgotten(MemoryReading.FORGED);
        }
        String keyId = new String(text, first + 1, second - first - 1, StandardCharsets.ISO_8859_1);
        byte[] expected = seal.mac(keyId, sealed(text, third, viewerKey));
        if (expected == null || !MessageDigest.isEqual(expected, mac)) {
            return forgotten(MemoryReading.FORGED);
        }
        long written = ViewerMemory.writtenAt(payload);
        if (written < 0 || written > nowMinute + SKEW_MINUTES) {
            return forgotten(MemoryReading.FORGED);
        }
        if (nowMinute - written >= FrequencyCap.MAX_PERIOD_HOURS * 60L) {
            return forgotten(MemoryReading.EXPIRED);
        }
        ViewerMemory memory = ViewerMemory.parse(payload);
        return memory == null ? forgotten(MemoryReading.FORGED) : new Read(MemoryReading.VALID, memory);
    }

    /** The token of {@code memory} for {@code viewerKey}, written at {@code nowMinute} under the newest key. */
    public String write(ViewerMemory memory, String viewerKey, long nowMinute) {
        ViewerMemory kept = memory.prunedAt(nowMinute);
        String keyId = seal.signingKeyId();
        byte[] payload = Base64Url.ENCODER.encode(kept.bytes(nowMinute));
        byte[] text = new byte[VERSION.length() + 1 + keyId.length() + 1 + payload.length];
        int at = 0;
        for (int i = 0; i < VERSION.length(); i++) {
            text[at++] = (byte) VERSION.charAt(i);
        }
        text[at++] = '.';
        for (int i = 0; i < keyId.length(); i++) {
            text[at++] = (byte) keyId.charAt(i);
        }
        text[at++] = '.';
        System.arraycopy(payload, 0, text, at, payload.length);
        byte[] mac = Base64Url.ENCODER.encode(seal.mac(keyId, sealed(text, text.length, viewerKey)));
        byte[] token = Arrays.copyOf(text, text.length + 1 + mac.length);
        token[text.length] = '.';
        System.arraycopy(mac, 0, token, text.length + 1, mac.length);
        return new String(token, StandardCharsets.ISO_8859_1);
    }

    /** What the MAC covers: the token up to its MAC, a zero byte, the viewer's key. */
    private static byte[] sealed(byte[] text, int length, String viewerKey) {
        byte[] viewer = viewerKey.getBytes(StandardCharsets.UTF_8);
        byte[] message = Arrays.copyOf(text, length + 1 + viewer.length);
        message[length] = 0;
        System.arraycopy(viewer, 0, message, length + 1, viewer.length);
        return message;
    }

    private static int indexOf(byte[] text, int from) {
        for (int i = from; i < text.length; i++) {
            if (text[i] == '.') {
                return i;
            }
        }
        return -1;
    }

    private static Read forgotten(MemoryReading reading) {
        return new Read(reading, ViewerMemory.EMPTY);
    }

    private static int base64Length(int bytes) {
        return (bytes * 4 + 2) / 3;
    }
}
