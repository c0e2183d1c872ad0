package io.promo.embedded;

import java.util.List;

/**
 * The settings cannot run: every problem found, each naming its setting ({@code PROMO_BUDGET_ZONE must be …}).
 * Thrown by {@link Promo.Builder#start()} before anything is opened (and by promo-app's configuration loader, which
 * reads the same settings).
 */
public final class ConfigException extends RuntimeException {

    /** Every problem found, each naming its setting. */
    private final List<String> problems;

    /** @param problems one sentence per problem, each starting with the setting's name */
    public ConfigException(List<String> problems) {
        super("promo cannot start with this configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found, each starting with the name of the setting it is about.
     *
     * @return the problems, in the order found
     */
    public List<String> problems() {
        return problems;
    }
}
