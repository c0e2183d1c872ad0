package io.promo.billing;

import java.util.Map;

/**
 * What an advertiser is told when a charge fails. Stripe's own message for a card error is written for
 * the card holder and is used when there is one; these cover the rest.
 */
final class PersonMessages {

    static final String UNUSABLE_PAYMENT_METHOD =
            "Your saved payment method can no longer be charged. Please add a payment method again.";

    private static final Map<String, String> BY_DECLINE_CODE = Map.of(
            "insufficient_funds", "Your card has insufficient funds.",
            "expired_card", "Your card has expired. Please add a new card.",
            "incorrect_cvc", "Your card's security code is incorrect.",
            "lost_card", "Your card was declined. Please use another card.",
            "stolen_card", "Your card was declined. Please use another card.",
            "card_velocity_exceeded", "Your card has reached its limit. Please try another card or later.",
            "processing_error", "An error occurred while processing your card. Please try again.",
            "authentication_required", "Your bank asks you to confirm this payment. Please confirm it to continue.");

    private PersonMessages() {
    }

    static String forDecline(String code, String stripeMessage) {
        if (stripeMessage != null && !stripeMessage.isBlank()) {
            return stripeMessage;
        }
        return BY_DECLINE_CODE.getOrDefault(code,
                "Your card was declined. Please contact your bank or use another card.");
    }
}
