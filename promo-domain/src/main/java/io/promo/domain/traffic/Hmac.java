package io.promo.domain.traffic;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 from the JDK. A {@link Mac} is not thread-safe and cheap to clone, so each call gets its own. */
final class Hmac {

    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;

    Hmac(byte[] secret) {
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(secret, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always provides " + ALGORITHM, e);
        }
    }

    byte[] sign(byte[] message) {
        try {
            Mac mac = (Mac) prototype.clone();
            return mac.doFinal(message);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 is cloneable", e);
        }
    }
}
