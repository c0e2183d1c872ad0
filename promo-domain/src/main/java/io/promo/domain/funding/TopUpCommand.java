package io.promo.domain.funding;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Money;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An advertiser (or an admin for it) asks to charge the advertiser's saved payment method and put the
 * money on a campaign.
 *
 * @param idempotencyKey chosen by the client, once per top-up it means: a retried request with the
 *                       same key never charges twice
 */
public record TopUpCommand(Actor actor, CampaignId campaignId, Money amount, String idempotencyKey) {

    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 100;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:=-]{1," + MAX_IDEMPOTENCY_KEY_LENGTH + "}");

    public TopUpCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(amount, "amount");
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw InvalidCommandException.of("idempotency_key", "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " letters, digits or _ . : = - (a UUID will do), chosen once per top-up and sent again on a retry");
        }
    }
}
