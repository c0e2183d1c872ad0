package io.promo.persistence;

import static io.promo.persistence.jooq.generated.Tables.PROMO_TOPUP_REQUEST;

import io.promo.domain.funding.TopUpRequest;
import io.promo.domain.funding.TopUpRequests;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.persistence.jooq.generated.tables.records.PromoTopupRequestRecord;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * {@link TopUpRequests} on {@code promo_topup_request} (migration V12). A claim is one
 * {@code insert … on conflict do nothing}: of concurrent requests with one key exactly one inserts. A
 * replacement is one {@code update} conditional on the row being pending in the caller's attempt.
 */
public final class JooqTopUpRequests implements TopUpRequests {

    private static final String PENDING = TopUpRequest.State.PENDING.code();

    private final DSLContext db;

    public JooqTopUpRequests(DSLContext db) {
        this.db = db;
    }

    @Override
    public Claim claim(TopUpRequest claimed) {
        int inserted = db.insertInto(PROMO_TOPUP_REQUEST)
                .set(toRecord(claimed))
                .onConflictDoNothing()
                .execute();
        if (inserted == 1) {
            return new Claim(claimed, true);
        }
        return new Claim(find(claimed.campaignId(), claimed.clientKey()).orElseThrow(() -> new IllegalStateException(
                "top-up request " + claimed.clientKey() + " of " + claimed.campaignId() + " conflicted but is not stored")),
                false);
    }

    @Override
    public Optional<TopUpRequest> find(CampaignId campaignId, String clientKey) {
        return db.selectFrom(PROMO_TOPUP_REQUEST)
                .where(PROMO_TOPUP_REQUEST.CAMPAIGN_ID.eq(campaignId.value()))
                .and(PROMO_TOPUP_REQUEST.CLIENT_KEY.eq(clientKey))
                .fetchOptional()
                .map(JooqTopUpRequests::toDomain);
    }

    @Override
    public boolean replace(TopUpRequest current, TopUpRequest next) {
        if (!current.campaignId().equals(next.campaignId()) || !current.clientKey().equals(next.clientKey())) {
            throw new IllegalArgumentException("a request is replaced by the same request's next state");
        }
        return db.update(PROMO_TOPUP_REQUEST)
                .set(PROMO_TOPUP_REQUEST.STATE, next.state().code())
                .set(PROMO_TOPUP_REQUEST.ATTEMPT, next.attempt())
                .set(PROMO_TOPUP_REQUEST.IN_FLIGHT_UNTIL, Timestamps.toColumn(next.inFlightUntil()))
                .set(PROMO_TOPUP_REQUEST.PROCESSOR_REF, next.processorRef().orElse(null))
                .set(PROMO_TOPUP_REQUEST.CLIENT_SECRET, next.clientSecret().orElse(null))
                .set(PROMO_TOPUP_REQUEST.DECLINE_CODE, next.declineCode().orElse(null))
                .set(PROMO_TOPUP_REQUEST.DECLINE_MESSAGE, next.declineMessage().orElse(null))
                .where(PROMO_TOPUP_REQUEST.CAMPAIGN_ID.eq(current.campaignId().value()))
                .and(PROMO_TOPUP_REQUEST.CLIENT_KEY.eq(current.clientKey()))
                .and(PROMO_TOPUP_REQUEST.STATE.eq(PENDING))
                .and(PROMO_TOPUP_REQUEST.ATTEMPT.eq(current.attempt()))
                .execute() == 1;
    }

    private PromoTopupRequestRecord toRecord(TopUpRequest request) {
        PromoTopupRequestRecord row = db.newRecord(PROMO_TOPUP_REQUEST);
        row.setCampaignId(request.campaignId().value());
        row.setClientKey(request.clientKey());
        row.setAmountCents(request.amount().cents());
        row.setState(request.state().code());
        row.setAttempt(request.attempt());
        row.setInFlightUntil(Timestamps.toColumn(request.inFlightUntil()));
        row.setProcessorRef(request.processorRef().orElse(null));
        row.setClientSecret(request.clientSecret().orElse(null));
        row.setDeclineCode(request.declineCode().orElse(null));
        row.setDeclineMessage(request.declineMessage().orElse(null));
        row.setCreatedAt(Timestamps.toColumn(request.createdAt()));
        return row;
    }

    private static TopUpRequest toDomain(PromoTopupRequestRecord row) {
        return new TopUpRequest(new CampaignId(row.getCampaignId()), row.getClientKey(),
                Money.ofCents(row.getAmountCents()), TopUpRequest.State.parse("state", row.getState()), row.getAttempt(),
                Timestamps.fromColumn(row.getInFlightUntil()), Optional.ofNullable(row.getProcessorRef()),
                Optional.ofNullable(row.getClientSecret()), Optional.ofNullable(row.getDeclineCode()),
                Optional.ofNullable(row.getDeclineMessage()), Timestamps.fromColumn(row.getCreatedAt()));
    }
}
