package io.promo.domain.serving;

import java.util.ArrayList;
import java.util.List;

/**
 * Records, for the one campaign a diagnosis is about, every check the decision path evaluates on it.
 * It only listens: the verdicts are the decision path's own.
 */
final class DiagnosisTrace {

    final ServingCampaign campaign;
    private final List<CheckResult> results = new ArrayList<>(Check.values().length);
    private boolean evaluated;
    private boolean eligible;

    DiagnosisTrace(ServingCampaign campaign) {
        this.campaign = campaign;
    }

    void eligibility(Check check, boolean passed, ServingCampaign c, SearchContext search) {
        results.add(new CheckResult(check, passed ? CheckResult.Verdict.PASS : CheckResult.Verdict.FAIL,
                Explanations.eligibility(check, passed, c, search)));
    }

    void eligible(boolean verdict) {
        evaluated = true;
        eligible = verdict;
    }

    boolean evaluated() {
        return evaluated;
    }

    boolean isEligible() {
        return eligible;
    }

    void placement(Check check, CheckResult.Verdict verdict, String detail) {
        results.add(new CheckResult(check, verdict, detail));
    }

    List<CheckResult> results() {
        return List.copyOf(results);
    }
}
