package io.promo.domain.traffic;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 from the JDK under one secret. A {@link Mac} is not thread-safe, so each thread keeps its own,
 * initialised once with this secret: a search signs 5 to 7 values, and cloning a {@code Mac} for each (two digests
 * copied) cost about as much as the hashing. {@code doFinal} resets the {@code Mac} to its initialised state, so
 * every call starts from the same state a fresh clone would. One instance per secret: a rotated key is another
 * instance, so a thread's {@code Mac} never signs under a key it was not made for.
 */
final class Hmac {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> perThread;

    Hmac(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
        newMac(); // fail here, not on the first search, if the JDK lacked the algorithm
        this.perThread = ThreadLocal.withInitial(this::newMac);
    }

    byte[] sign(byte[] message) {
        return perThread.get().doFinal(message);
    }

    /** The MAC of {@code first} followed by {@code second}, without joining them. */
    byte[] sign(byte[] first, byte[] second) {
        Mac mac = perThread.get();
        mac.update(first);
        return mac.doFinal(second);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always provides " + ALGORITHM, e);
        }
    }
}
