package io.promo.domain.serving.engine;

import java.util.Objects;

/**
 * One check of a diagnosis: whether it passed, and why, in words an advertiser understands.
 *
 * @param verdict {@link Verdict#SKIPPED} for placement checks of a campaign that was not eligible: only
 *                eligible campaigns compete for slots
 */
public record CheckResult(Check check, Verdict verdict, String detail) {

    public enum Verdict { PASS, FAIL, SKIPPED }

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    public boolean failed() {
        return verdict == Verdict.FAIL;
    }
}
