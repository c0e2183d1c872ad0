package io.promo.domain.shared;

/**
 * The typed-id prefixes of the seed. promo generates the {@code p…} ones; the marketplace owns
 * {@code usr_}, {@code srv_} and {@code std_}.
 */
public enum IdPrefix {
    ADVERTISER("padv"),
    CAMPAIGN("pcmp"),
    LEDGER_ENTRY("pble"),
    EVENT("pevt"),
    POLICY("ppol"),
    USER("usr"),
    SERVICE_PROFILE("srv"),
    STUDIO("std");

    /**
     * After the prefix, what our generator emits and what the marketplace's ids look like: 1 to
     * {@value #MAX_BODY} characters {@code [0-9A-Za-z][0-9A-Za-z_-]*}. Checked by a loop rather than a regex
     * because every impression id of the ad decision path is checked (a regex match cost about a tenth of a
     * decision); {@code TypedIdTest} holds the regex as the specification and compares.
     */
    private static final int MAX_BODY = 100;

    private final String prefix;
    private final String prefixAndSeparator;

    IdPrefix(String prefix) {
        this.prefix = prefix;
        this.prefixAndSeparator = prefix + "_";
    }

    public String prefix() {
        return prefix;
    }

    public boolean matches(String id) {
        if (id == null || !id.startsWith(prefixAndSeparator)) {
            return false;
        }
        int start = prefixAndSeparator.length();
        int length = id.length() - start;
        if (length < 1 || length > MAX_BODY || !isLetterOrDigit(id.charAt(start))) {
            return false;
        }
        for (int i = start + 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isLetterOrDigit(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** ASCII only, as in the form above. */
    private static boolean isLetterOrDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /**
     * Checks an id for a typed-id constructor. A malformed id reaching a record is a bug of the
     * caller, which should have used {@link #parse}, hence the unchecked exception.
     */
    public String require(String id) {
        if (!matches(id)) {
            throw new IllegalArgumentException("not a " + prefix + "_ id: " + id);
        }
        return id;
    }

    /** Validates untrusted input, naming the field on failure. */
    public String parse(String field, String id) {
        if (!matches(id)) {
            throw InvalidCommandException.of(field, "must be an id starting with '" + prefix + "_' (got '" + id + "')");
        }
        return id;
    }
}
