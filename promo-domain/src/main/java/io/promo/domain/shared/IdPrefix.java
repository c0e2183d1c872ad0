package io.promo.domain.shared;

import java.util.regex.Pattern;

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

    /** After the prefix: what our generator emits and what the marketplace's ids look like. */
    private static final Pattern BODY = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,99}");

    private final String prefix;

    IdPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public boolean matches(String id) {
        return id != null
                && id.startsWith(prefix + "_")
                && BODY.matcher(id.substring(prefix.length() + 1)).matches();
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
