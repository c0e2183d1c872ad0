package io.promo.domain.serving;

import java.security.SecureRandom;

/**
 * Seeds of the randomized tests: a fresh one per run, or the one given with {@code -Dpromo.seed=…} to replay a
 * failure (every assertion message prints it).
 */
public final class Seeds {

    public static final String PROPERTY = "promo.seed";

    private Seeds() {
    }

    public static long base(String test) {
        String given = System.getProperty(PROPERTY);
        long seed = given != null ? Long.parseLong(given.trim()) : new SecureRandom().nextLong();
        System.out.println(test + ": seed " + seed + " (replay with -D" + PROPERTY + "=" + seed + ")");
        return seed;
    }

    public static String replay(long seed) {
        return "seed " + seed + " (replay with -D" + PROPERTY + "=" + seed + ")";
    }
}
