package io.promo.domain.shared;

/**
 * An amount of the deployment's single currency in integer minor units (cents).
 *
 * <p>Never floating point: every operation is exact and overflow throws {@link ArithmeticException}
 * instead of wrapping (ADR 0001). Amounts may be negative (a refund adjustment is); whether a
 * particular amount must be positive is the rule of whoever holds it.
 */
public record Money(long cents) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    /** The largest amount a seed {@code *_cents int} column can hold. */
    public static final Money MAX_COLUMN_AMOUNT = new Money(Integer.MAX_VALUE);

    public static Money ofCents(long cents) {
        return new Money(cents);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(cents, other.cents));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(cents, other.cents));
    }

    public Money negate() {
        return new Money(Math.negateExact(cents));
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(cents, factor));
    }

    public boolean isPositive() {
        return cents > 0;
    }

    public boolean isNegative() {
        return cents < 0;
    }

    public boolean isGreaterThan(Money other) {
        return cents > other.cents;
    }

    public boolean isLessThan(Money other) {
        return cents < other.cents;
    }

    /** True when the amount fits a seed {@code int} cents column. */
    public boolean fitsColumn() {
        return cents >= Integer.MIN_VALUE && cents <= Integer.MAX_VALUE;
    }

    public static Money min(Money a, Money b) {
        return a.cents <= b.cents ? a : b;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(cents, other.cents);
    }

    @Override
    public String toString() {
        return cents + "¢";
    }
}
