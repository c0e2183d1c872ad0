package io.promo.domain.advertiser;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.UserId;
import java.util.Objects;
import java.util.Optional;

/** Onboard a marketplace user as an advertiser (admin only). */
public record CreateAdvertiserCommand(Actor actor, UserId userId, Optional<PaymentReference> defaultPayment) {
    public CreateAdvertiserCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(defaultPayment, "defaultPayment");
    }
}
