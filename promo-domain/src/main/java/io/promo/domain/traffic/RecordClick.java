package io.promo.domain.traffic;

import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.serving.Viewer;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.IdGenerator;
import io.promo.domain.shared.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: a click on a sponsored result ({@code POST /v1/clicks}, docs/design.md "Click"): validate the token,
 * classify, bill, log. Every click becomes exactly one event: a billed {@code click}, a {@code click} billed 0
 * because the budget no longer covers it, or an {@code invalid_click} naming the first rule it broke, in this
 * order:
 * <ol>
 *   <li>the token ({@link ClickTokenSigner}): malformed, unknown key, bad signature, expired, not yet valid;</li>
 *   <li>client data: ip and user agent present and of sane length, exactly one well-formed viewer;</li>
 *   <li>bot user agent ({@link BotUserAgents});</li>
 *   <li>per-ip burst as this node counts it ({@link IpBurstLimiter}): a shield that refuses a flood without a
 *       lookup; it sees only this node's clicks, so it can refuse only what the deployment's count would refuse;</li>
 *   <li>in one database transaction ({@link ClickLog#logClick}, decided by {@link ClickPolicy}): per-ip burst
 *       counted over every node's clicks (ADR 0037), campaign or advertiser not billable, self-click, duplicate
 *       impression, repeated viewer, then the atomic spend at the token's cpc.</li>
 * </ol>
 * The first four need no lookup and cost nothing when a bot floods us; the last guards money and is atomic.
 * Bad input never throws and is never charged; only a failing database does (the caller answers 503).
 * No raw ip, user agent or fingerprint goes past this class (I9): {@link ClientHasher} keys them first.
 */
public final class RecordClick {

    private final ClickTokenSigner tokens;
    private final ClientHasher hasher;
    private final BotUserAgents bots;
    private final ClickRules rules;
    private final IpBurstLimiter bursts;
    private final ClickLog log;
    private final BudgetCalendar calendar;
    private final IdGenerator ids;
    private final Clock clock;

    public RecordClick(ClickTokenSigner tokens, ClientHasher hasher, BotUserAgents bots, ClickRules rules,
            ClickLog log, BudgetCalendar calendar, IdGenerator ids, Clock clock) {
        this.tokens = tokens;
        this.hasher = hasher;
        this.bots = bots;
        this.rules = rules;
        this.bursts = new IpBurstLimiter(rules.ipBurstLimit(), rules.ipBurstWindow(), rules.maxTrackedIps());
        this.log = log;
        this.calendar = calendar;
        this.ids = ids;
        this.clock = clock;
    }

    public ClickResult click(ClickCommand command) {
        Objects.requireNonNull(command, "command");
        Instant now = clock.instant();
        EventId eventId = ids.newEventId();
        Client client = Client.of(command, hasher);
        TokenVerification verification = tokens.verify(command.clickToken());
        if (verification instanceof TokenVerification.Rejected rejected) {
            Optional<ClickClaims> authentic = rejected.reason() == TokenRejection.EXPIRED
                    || rejected.reason() == TokenRejection.NOT_YET_VALID
                    ? tokens.authenticClaims(command.clickToken()) : Optional.empty();
            TrafficEvent event = authentic.map(claims -> clickEvent(eventId, claims, client, now))
                    .orElseGet(() -> unattributed(eventId, client, now));
            return invalid(event, InvalidClickReason.of(rejected.reason()));
        }
        ClickClaims claims = ((TokenVerification.Valid) verification).claims();
        TrafficEvent click = clickEvent(eventId, claims, client, now);
        if (!client.wellFormed()) {
            return invalid(click, InvalidClickReason.BAD_CLIENT_DATA);
        }
        if (bots.isBot(command.userAgent())) {
            return invalid(click, InvalidClickReason.BOT_USER_AGENT);
        }
        if (!bursts.allow(client.ipHash(), now)) {
            return invalid(click, InvalidClickReason.IP_BURST);
        }
        LedgerEntry spend = new LedgerEntry(ids.newLedgerEntryId(), claims.campaignId(), EntryKind.SPEND, claims.cpc(),
                new IdempotencyKey(IdempotencyKey.CLICK, eventId.value()), Optional.of("click " + eventId), now);
        return ClickResult.of(log.logClick(new ClickToLog(click, spend, calendar.dayOf(now), now.minus(rules.repeatWindow()),
                new ClickToLog.IpBurst(rules.ipBurstLimit(), now.minus(rules.ipBurstWindow())), claims.bid())));
    }

    private ClickResult invalid(TrafficEvent click, InvalidClickReason reason) {
        ClickLogged.Invalid logged = ClickPolicy.invalid(click, reason);
        log.appendInvalidClick(logged.event());
        return ClickResult.of(logged);
    }

    private static TrafficEvent clickEvent(EventId eventId, ClickClaims claims, Client client, Instant now) {
        return new TrafficEvent(eventId, claims.campaignId(), claims.impressionId(), claims.role(),
                claims.city(), claims.querySignature(), client.userId(), client.anonFpHash(), client.ipHash(),
                client.uaHash(), now, EventDetail.UNCLASSIFIED);
    }

    private static TrafficEvent unattributed(EventId eventId, Client client, Instant now) {
        return new TrafficEvent(eventId, TrafficEvent.UNATTRIBUTED_CAMPAIGN,
                TrafficEvent.UNATTRIBUTED_IMPRESSION, Optional.empty(), TrafficEvent.UNKNOWN_CITY, "", client.userId(),
                client.anonFpHash(), client.ipHash(), client.uaHash(), now, EventDetail.UNCLASSIFIED);
    }

    /** The client as it may be stored: hashes only, and whether the raw data was usable. */
    private record Client(Optional<UserId> userId, Optional<String> anonFpHash, String ipHash, String uaHash,
            boolean wellFormed) {

        static Client of(ClickCommand command, ClientHasher hasher) {
            String ip = command.ip();
            String userAgent = command.userAgent();
            boolean viewerValid = Viewer.problems(command.userId(), command.anonymousFingerprint()).isEmpty();
            Optional<UserId> userId = viewerValid && command.userId() != null
                    ? Optional.of(new UserId(command.userId())) : Optional.empty();
            Optional<String> anonFpHash = viewerValid && command.anonymousFingerprint() != null
                    ? Optional.of(hasher.fingerprint(command.anonymousFingerprint())) : Optional.empty();
            boolean wellFormed = viewerValid
                    && ip != null && !ip.isBlank() && ip.length() <= ClickRules.MAX_IP_LENGTH
                    && userAgent != null && !userAgent.isBlank() && userAgent.length() <= ClickRules.MAX_USER_AGENT_LENGTH;
            return new Client(userId, anonFpHash, hasher.ip(ip), hasher.userAgent(userAgent), wellFormed);
        }
    }
}
