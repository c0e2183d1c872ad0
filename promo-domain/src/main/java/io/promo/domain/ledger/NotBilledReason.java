package io.promo.domain.ledger;

/** Why a click was not billed. Each is an expected business outcome, not an error. */
public enum NotBilledReason {
    /** The campaign's spend on the budget day would exceed its daily budget (I1). */
    DAILY_BUDGET,
    /** The campaign's total spend would exceed its total budget (I2). */
    TOTAL_BUDGET,
    /** The campaign's prepaid balance does not cover the click (I3). */
    BALANCE,
    /** The campaign is unknown, a draft, ended or suspended, or its advertiser is suspended. */
    CAMPAIGN_NOT_BILLABLE,
    /** This click event was billed before (I4). */
    DUPLICATE
}
