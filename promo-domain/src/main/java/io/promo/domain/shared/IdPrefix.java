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
     * {@value #MAX_BODY} characters {@code [0-9A-Za-z][0-9A-Za-z_-]*}. Checked by a loop over a table rather than
     * a regex because every impression id of the ad decision path is checked (a regex match cost about a tenth of
     * a decision); {@code TypedIdTest} holds the regex as the specification and compares.
     */
    private static final int MAX_BODY = 100;
    /** BODY_CHAR[c] for the ASCII characters c allowed in a body, {@code [0-9A-Za-z_-]}; nothing above 127 is. */
    private static final boolean[] BODY_CHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            BODY_CHAR[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            BODY_CHAR[c] = true;
            BODY_CHAR[Character.toLowerCase(c)] = true;
        }
        BODY_CHAR['_'] = true;
        BODY_CHAR['-'] = true;
    }

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
        int end = id.length();
        if (end - start < 1 || end - start > MAX_BODY) {
            return false;
        }
        char first = id.charAt(start);
        if (first == '_' || first == '-') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = id.charAt(i);
            if (c >= BODY_CHAR.length || !BODY_CHAR[c]) {
                return false;
            }
        }
        return true;
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
