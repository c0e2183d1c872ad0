package io.promo.domain.serving;

import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.UserId;
import io.promo.domain.shared.Violation;
import java.util.List;
import java.util.Objects;

/**
 * Who searched: a signed-in marketplace user, or an anonymous visitor known only by the fingerprint hash
 * the search service computed (promo never sees the raw fingerprint, I9).
 */
public sealed interface Viewer permits Viewer.User, Viewer.Anonymous {

    /** A stable text form, used to seed the tie rotation and by the traffic package's duplicate checks. */
    String key();

    static Viewer user(UserId userId) {
        return new User(userId);
    }

    static Viewer anonymous(String fingerprintHash) {
        return new Anonymous(fingerprintHash);
    }

    /**
     * Parses untrusted input: exactly one of {@code userId} and {@code anonymousFingerprint} must be given;
     * every problem is reported under the field {@code viewer}.
     */
    static Viewer parse(String userId, String anonymousFingerprint) {
        List<Violation> problems = problems(userId, anonymousFingerprint);
        if (!problems.isEmpty()) {
            throw new InvalidCommandException(problems);
        }
        return userId != null ? new User(new UserId(userId)) : new Anonymous(anonymousFingerprint);
    }

    /** The violations {@link #parse} would throw; empty when the pair is a viewer. */
    static List<Violation> problems(String userId, String anonymousFingerprint) {
        if ((userId == null) == (anonymousFingerprint == null)) {
            return List.of(new Violation("viewer", "give exactly one of a user id (usr_…) or an anonymous fingerprint hash"));
        }
        if (userId != null && !io.promo.domain.shared.IdPrefix.USER.matches(userId)) {
            return List.of(new Violation("viewer", "a user id starts with 'usr_' (got '" + userId + "')"));
        }
        if (anonymousFingerprint != null && !Anonymous.isFingerprint(anonymousFingerprint)) {
            return List.of(new Violation("viewer", "an anonymous fingerprint hash is 1 to 128 characters of letters, digits"
                    + " and _ . : = + / - (got '" + anonymousFingerprint + "')"));
        }
        return List.of();
    }

    record User(UserId userId) implements Viewer {
        public User {
            Objects.requireNonNull(userId, "userId");
        }

        @Override
        public String key() {
            return userId.value();
        }
    }

    record Anonymous(String fingerprintHash) implements Viewer {
        static final int MAX_LENGTH = 128;

        public Anonymous {
            if (!isFingerprint(fingerprintHash)) {
                throw new IllegalArgumentException("not an anonymous fingerprint hash: " + fingerprintHash);
            }
        }

        @Override
        public String key() {
            return "anon:" + fingerprintHash;
        }

        /**
         * The form of a fingerprint hash: 1 to 128 of {@code A-Z a-z 0-9 _ . : = + / -} (the regular expression
         * {@code [A-Za-z0-9_.:=+/-]{1,128}}), as a loop: every anonymous search checks it twice.
         */
        static boolean isFingerprint(String value) {
            if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                        || c == '_' || c == '.' || c == ':' || c == '=' || c == '+' || c == '/' || c == '-';
                if (!allowed) {
                    return false;
                }
            }
            return true;
        }
    }
}
