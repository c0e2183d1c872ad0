package io.promo.domain.traffic;

import java.util.Objects;

/** The answer to "is this click token ours and current?": its claims, or why not. */
public sealed interface TokenVerification permits TokenVerification.Valid, TokenVerification.Rejected {

    record Valid(ClickClaims claims, String keyId) implements TokenVerification {
        public Valid {
            Objects.requireNonNull(claims, "claims");
            Objects.requireNonNull(keyId, "keyId");
        }
    }

    record Rejected(TokenRejection reason) implements TokenVerification {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
