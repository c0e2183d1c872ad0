package io.promo.domain.campaign;

import static io.promo.domain.campaign.CampaignStatus.ACTIVE;
import static io.promo.domain.campaign.CampaignStatus.DRAFT;
import static io.promo.domain.campaign.CampaignStatus.ENDED;
import static io.promo.domain.campaign.CampaignStatus.PAUSED;
import static io.promo.domain.campaign.CampaignStatus.SUSPENDED;

import io.promo.domain.shared.Coded;
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle: draft→active→paused⇄active, anything→ended (terminal, so nothing leaves it, not even
 * to suspended), and an admin's anything-not-ended→suspended, suspended→paused.
 *
 * <p>Asking for the status a campaign already has is answered as done, not refused, so a retried
 * request is harmless.
 */
public enum CampaignAction implements Coded {
    ACTIVATE("activate", ACTIVE, Set.of(DRAFT), false),
    PAUSE("pause", PAUSED, Set.of(ACTIVE), false),
    RESUME("resume", ACTIVE, Set.of(PAUSED), false),
    END("end", ENDED, Set.of(DRAFT, ACTIVE, PAUSED, SUSPENDED), false),
    SUSPEND("suspend", SUSPENDED, Set.of(DRAFT, ACTIVE, PAUSED), true),
    REINSTATE("reinstate", PAUSED, Set.of(SUSPENDED), true);

    private final String code;
    private final CampaignStatus target;
    private final Set<CampaignStatus> from;
    private final boolean adminOnly;

    CampaignAction(String code, CampaignStatus target, Set<CampaignStatus> from, boolean adminOnly) {
        this.code = code;
        this.target = target;
        this.from = from;
        this.adminOnly = adminOnly;
    }

    @Override
    public String code() {
        return code;
    }

    public CampaignStatus target() {
        return target;
    }

    public boolean adminOnly() {
        return adminOnly;
    }

    /** Empty when the move from {@code current} is allowed (or already done); otherwise why not. */
    public Optional<String> refusal(CampaignStatus current) {
        if (current == target || from.contains(current)) {
            return Optional.empty();
        }
        if (current == ENDED) {
            return Optional.of("the campaign has ended; an ended campaign cannot " + code);
        }
        if (current == SUSPENDED) {
            return Optional.of("the campaign is suspended by an admin; only an admin can reinstate it");
        }
        if (this == ACTIVATE && current == PAUSED) {
            return Optional.of("the campaign is paused; resume it instead of activating it");
        }
        if (this == RESUME && current == DRAFT) {
            return Optional.of("the campaign is a draft; activate it instead of resuming it");
        }
        return Optional.of("cannot " + code + " a campaign that is " + current.code());
    }

    public static CampaignAction parse(String field, String code) {
        return Coded.parse(CampaignAction.class, field, code);
    }
}
