package io.promo.app.http;

import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.Violation;
import java.util.List;
import java.util.Map;

/**
 * Thrown by a route to answer with a {@link Problem}; {@link ProblemResponses} writes it. Routes never write
 * error bodies themselves, so every error of the API has one shape.
 */
final class ApiProblem extends RuntimeException {

    private final Problem problem;
    private final Map<String, String> headers;

    ApiProblem(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    static ApiProblem of(int status, String detail) {
        return new ApiProblem(Problem.of(status, detail), Map.of());
    }

    static ApiProblem badRequest(String detail) {
        return of(400, detail);
    }

    static ApiProblem notFound(String detail) {
        return of(404, detail);
    }

    static ApiProblem unauthorized(String detail) {
        return new ApiProblem(Problem.of(401, detail), Map.of("WWW-Authenticate", "Bearer"));
    }

    static ApiProblem forbidden(String detail) {
        return of(403, detail);
    }

    /** A request that cannot even be read as a command: 400 with every broken field. */
    static ApiProblem invalidRequest(List<Violation> violations) {
        return new ApiProblem(Problem.of(400, summary(violations), fieldErrors(violations)), Map.of());
    }

    /**
     * The domain's refusal as HTTP (ADR 0008): a field that breaks its own form (a constraint the API document
     * states for it) 400 with every violation found; business rules broken by a well-formed request and a limit
     * reached (the campaign quota) 422; unknown or another tenant's 404; a move the lifecycle does not allow, lost
     * races and a user's second advertiser 409; not allowed at all 403.
     */
    static ApiProblem fromRejection(Rejection rejection) {
        return switch (rejection.kind()) {
            case INVALID -> new ApiProblem(Problem.of(rejection.breaksForm() ? 400 : 422,
                    summary(rejection.violations()), fieldErrors(rejection.violations())), Map.of());
            case NOT_FOUND -> of(404, rejection.detail());
            case ILLEGAL_TRANSITION, CONFLICT -> of(409, rejection.detail());
            case FORBIDDEN -> of(403, rejection.detail());
            case LIMIT_REACHED -> of(422, rejection.detail());
        };
    }

    Problem problem() {
        return problem;
    }

    Map<String, String> headers() {
        return headers;
    }

    private static String summary(List<Violation> violations) {
        return violations.size() == 1 ? violations.get(0).toString()
                : violations.size() + " fields are invalid: " + String.join(", ",
                        violations.stream().map(Violation::field).distinct().toList());
    }

    private static List<Problem.FieldError> fieldErrors(List<Violation> violations) {
        return violations.stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList();
    }
}
