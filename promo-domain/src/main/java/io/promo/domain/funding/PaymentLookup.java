package io.promo.domain.funding;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import java.util.Objects;
import java.util.Optional;

/** What {@link PaymentGateway#findPayment} learned about one payment. */
public sealed interface PaymentLookup {

    /** The processor knows the payment; {@code campaign} is empty when it was not a promo top-up. */
    record Found(String paymentRef, Optional<CampaignId> campaign, Money amount, String currency)
            implements PaymentLookup {
        public Found {
            Objects.requireNonNull(paymentRef, "paymentRef");
            Objects.requireNonNull(campaign, "campaign");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
        }
    }

    /** The processor has no such payment. */
    record NotFound(String paymentRef) implements PaymentLookup {
        public NotFound {
            Objects.requireNonNull(paymentRef, "paymentRef");
        }
    }

    /** The processor could not be asked right now; ask again later. */
    record Unavailable(String reason) implements PaymentLookup {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
