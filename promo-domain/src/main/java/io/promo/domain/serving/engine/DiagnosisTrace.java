package io.promo.domain.serving.engine;

import io.promo.domain.serving.index.ServingCampaign;
import io.promo.domain.shared.Actor;
import java.util.ArrayList;
import java.util.List;

/**
 * Records, for the one campaign a diagnosis is about, every check the decision path evaluates on it.
 * It only listens: the verdicts are the decision path's own.
 *
 * <p>The words name another campaign, or its score, only for a reader who may see that campaign: an admin, or the
 * advertiser that owns it. A rival's score with the shared CTR prior gives away its bid (I10).
 */
public final class DiagnosisTrace {

    final ServingCampaign campaign;
    private final Actor reader;
    private final List<CheckResult> results = new ArrayList<>(Check.values().length);
    private boolean evaluated;
    private boolean eligible;
    private boolean advertiserFull;

    public DiagnosisTrace(ServingCampaign campaign, Actor reader) {
        this.campaign = campaign;
        this.reader = reader;
    }

    /** Whether the words may name {@code other} and its score. */
    boolean mayName(ServingCampaign other) {
        return reader.mayAccess(other.details.advertiserId());
    }

    void eligibility(Check check, boolean passed, ServingCampaign c, SearchContext search) {
        results.add(new CheckResult(check, passed ? CheckResult.Verdict.PASS : CheckResult.Verdict.FAIL,
                Explanations.eligibility(check, passed, c, search)));
    }

    void eligible(boolean verdict) {
        evaluated = true;
        eligible = verdict;
    }

    /** The placement passed the campaign over: its advertiser had all the positions one advertiser may take. */
    void advertiserFull() {
        advertiserFull = true;
    }

    boolean wasAdvertiserFull() {
        return advertiserFull;
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

    public List<CheckResult> results() {
        return List.copyOf(results);
    }
}
