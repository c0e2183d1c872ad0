package io.promo.persistence;

import io.promo.domain.shared.Money;

/**
 * The seed keeps amounts in {@code *_cents int} columns; the domain's {@link Money} is long cents. The rules that
 * accept an amount check that it fits ({@link Money#fitsColumn()}); an amount that slipped past them fails here
 * rather than being truncated (ADR 0001).
 */
final class Cents {

    private Cents() {
    }

    static int toColumn(Money amount) {
        return Math.toIntExact(amount.cents());
    }
}
