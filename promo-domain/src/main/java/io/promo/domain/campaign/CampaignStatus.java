package io.promo.domain.campaign;

import io.promo.domain.shared.Coded;

/** Where a campaign is in its life; see {@link CampaignAction} for the moves between statuses. */
public enum CampaignStatus implements Coded {
    DRAFT("draft"),
    ACTIVE("active"),
    PAUSED("paused"),
    /** Terminal: an ended campaign never serves or changes again. */
    ENDED("ended"),
    /** Set by an admin; only an admin lifts it (back to paused). */
    SUSPENDED("suspended");

    private final String code;

    CampaignStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static CampaignStatus parse(String field, String code) {
        return Coded.parse(CampaignStatus.class, field, code);
    }
}
