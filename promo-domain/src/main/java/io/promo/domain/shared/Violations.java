package io.promo.domain.shared;

import java.util.ArrayList;
import java.util.List;

/** Collects every broken rule of one check, so a caller learns all of them at once. */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    public Violations require(boolean holds, String field, String message) {
        if (!holds) {
            found.add(new Violation(field, message));
        }
        return this;
    }

    /** Like {@link #require}, for a check of the field's own form ({@link Violation.Kind#FORM}). */
    public Violations requireForm(boolean holds, String field, String message) {
        if (!holds) {
            found.add(Violation.ofForm(field, message));
        }
        return this;
    }

    public Violations add(String field, String message) {
        found.add(new Violation(field, message));
        return this;
    }

    public Violations addAll(List<Violation> violations) {
        found.addAll(violations);
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(found);
    }

    /** For command records: a command with broken fields must not exist. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidCommandException(found);
        }
    }
}
