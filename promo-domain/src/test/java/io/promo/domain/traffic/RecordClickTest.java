package io.promo.domain.traffic;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.InMemoryAdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.InMemoryCampaignRepository;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.InMemoryBudgetLedger;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule of the click path through the use case, each outcome naming its rule (docs/traffic.md). */
class RecordClickTest {

    static final byte[] TOKEN_SECRET = "token-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.US_ASCII);
    static final byte[] HASH_SECRET = "hash-secret-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.US_ASCII);
    static final String IP = "203.0.113.77";
    static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko)"
            + " Version/17.5 Safari/605.1.15";

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    private final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    private final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(campaigns, advertisers);
    private final InMemoryTrafficLog log = new InMemoryTrafficLog(campaigns, advertisers, ledger, BudgetCalendar.UTC);
    private final ClickTokenSigner signer =
            new ClickTokenSigner(List.of(SigningKey.active("k1", TOKEN_SECRET)), Duration.ofMinutes(30), clock);
    private final ClientHasher hasher = new ClientHasher(HASH_SECRET);
    private final ClickRules rules = new ClickRules(Duration.ofMinutes(10), 3, Duration.ofMinutes(1), 1_000);
    private final RecordClick recordClick = new RecordClick(signer, hasher, BotUserAgents.standard(), rules, log,
            BudgetCalendar.UTC, TestData.IDS, clock);

    private Advertiser owner;
    private Campaign campaign;

    @BeforeEach
    void an_active_funded_campaign() {
        owner = TestData.anAdvertiser();
        advertisers.insert(owner);
        Campaign draft = TestData.aCampaign(owner.id(), TestData.settings().cpc(50).dailyBudget(1_000).build());
        campaigns.insert(draft);
        campaign = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, NOW).orElseThrow();
        campaigns.updateIfUnchanged(campaign, draft.updatedAt());
        ledger.record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign.id(), EntryKind.TOPUP, Money.ofCents(5_000),
                new IdempotencyKey(IdempotencyKey.STRIPE, "pi_1"), Optional.empty(), NOW));
    }

    private String token(EventId impression, CampaignId campaignId, long cpcCents, Instant servedAt) {
        return signer.sign(new ClickClaims(impression, campaignId, Money.ofCents(cpcCents), servedAt, Surface.PEOPLE_SEARCH,
                TestData.BERLIN, Optional.of(new RoleCode("photographer")), "0123456789abcdef0123456789abcdef"));
    }

    private String aToken() {
        return token(TestData.IDS.newEventId(), campaign.id(), 75, clock.instant());
    }

    private static ClickCommand byUser(String token, String userId) {
        return new ClickCommand(token, userId, null, IP, BROWSER);
    }

    private static String aUser() {
        return "usr_" + TestData.IDS.newEventId().value().substring(5);
    }

    private ClickResult click(String token) {
        return recordClick.click(byUser(token, aUser()));
    }

    private static void assertInvalid(ClickResult result, InvalidClickReason reason) {
        assertThat(result.type()).isEqualTo(EventType.INVALID_CLICK);
        assertThat(result.billedCents()).isZero();
        assertThat(result.reason()).contains(reason.code());
    }

    private TrafficEvent logged(ClickResult result) {
        return log.events().stream().filter(e -> e.eventId().equals(result.eventId())).findFirst().orElseThrow();
    }

    private long spent() {
        return ledger.state(campaign.id(), BudgetCalendar.UTC.dayOf(NOW)).spentTotal().cents();
    }

    @Test
    void a_valid_click_is_billed_the_cpc_it_was_served_with_and_logged_as_a_click() {
        ClickResult result = click(aToken());

        assertThat(result.type()).isEqualTo(EventType.CLICK);
        assertThat(result.billedCents()).isEqualTo(75);
        assertThat(result.reason()).isEmpty();
        TrafficEvent event = logged(result);
        assertThat(event.campaignId()).isEqualTo(campaign.id());
        assertThat(event.city()).isEqualTo(TestData.BERLIN);
        assertThat(event.queryHash()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(event.ipHash()).isEqualTo(hasher.ip(IP));
        assertThat(event.uaHash()).isEqualTo(hasher.userAgent(BROWSER));
        assertThat(spent()).isEqualTo(75);
    }

    @Test
    void garbage_truncated_empty_and_missing_tokens_are_malformed() {
        String token = aToken();
        for (String bad : new String[] {"garbage", token.substring(0, token.length() / 2), "", null, "v1.k1.%%%.###",
                "x".repeat(100_000)}) {
            ClickResult result = click(bad);

            assertInvalid(result, InvalidClickReason.MALFORMED_TOKEN);
            assertThat(logged(result).campaignId()).isEqualTo(TrafficEvent.UNATTRIBUTED_CAMPAIGN);
        }
        assertThat(spent()).isZero();
    }

    @Test
    void a_tampered_token_fails_its_signature_and_a_foreign_key_is_unknown() {
        String token = aToken();
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + parts[2] + "." + new StringBuilder(parts[3]).reverse();
        ClickTokenSigner forger = new ClickTokenSigner(List.of(SigningKey.active("k9",
                "a-forger-secret-of-at-least-32-bytes!!!!".getBytes(StandardCharsets.US_ASCII))), Duration.ofMinutes(30), clock);
        String forged = forger.sign(new ClickClaims(TestData.IDS.newEventId(), campaign.id(), Money.ofCents(1), NOW,
                Surface.PEOPLE_SEARCH, TestData.BERLIN, Optional.empty(), "00"));

        assertInvalid(click(tampered), InvalidClickReason.BAD_SIGNATURE);
        assertInvalid(click(forged), InvalidClickReason.UNKNOWN_KEY);
        assertThat(spent()).isZero();
    }

    @Test
    void an_expired_token_is_logged_under_its_real_campaign_and_not_billed() {
        String token = aToken();
        clock.advance(Duration.ofMinutes(31));

        ClickResult result = click(token);

        assertInvalid(result, InvalidClickReason.EXPIRED_TOKEN);
        assertThat(logged(result).campaignId()).isEqualTo(campaign.id());
        assertThat(spent()).isZero();
    }

    @Test
    void a_token_served_in_the_future_is_not_yet_valid() {
        String token = token(TestData.IDS.newEventId(), campaign.id(), 75, NOW.plus(Duration.ofMinutes(5)));

        assertInvalid(click(token), InvalidClickReason.TOKEN_NOT_YET_VALID);
    }

    @Test
    void missing_or_oversize_client_data_or_viewer_is_bad_client_data_never_an_exception() {
        List<ClickCommand> bad = List.of(
                new ClickCommand(aToken(), aUser(), null, null, BROWSER),
                new ClickCommand(aToken(), aUser(), null, " ", BROWSER),
                new ClickCommand(aToken(), aUser(), null, IP, null),
                new ClickCommand(aToken(), aUser(), null, "1".repeat(ClickRules.MAX_IP_LENGTH + 1), BROWSER),
                new ClickCommand(aToken(), aUser(), null, IP, "M".repeat(ClickRules.MAX_USER_AGENT_LENGTH + 1)),
                new ClickCommand(aToken(), null, null, IP, BROWSER),
                new ClickCommand(aToken(), aUser(), "fp-too", IP, BROWSER),
                new ClickCommand(aToken(), "not-a-user", null, IP, BROWSER),
                new ClickCommand(aToken(), null, "bad fingerprint with spaces", IP, BROWSER));
        for (ClickCommand command : bad) {
            assertInvalid(recordClick.click(command), InvalidClickReason.BAD_CLIENT_DATA);
        }
        assertThat(spent()).isZero();
    }

    @Test
    void a_bot_user_agent_is_not_billed() {
        for (String bot : List.of("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "curl/8.5.0", "python-requests/2.32.3", "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/126.0.0.0")) {
            assertInvalid(recordClick.click(new ClickCommand(aToken(), aUser(), null, IP, bot)),
                    InvalidClickReason.BOT_USER_AGENT);
        }
        assertThat(spent()).isZero();
    }

    @Test
    void real_browsers_are_not_bots() {
        BotUserAgents bots = BotUserAgents.standard();
        assertThat(List.of(BROWSER,
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
                "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"))
                .noneMatch(bots::isBot);
    }

    @Test
    void clicks_from_one_ip_beyond_the_burst_limit_are_refused_until_the_window_passes() {
        for (int i = 0; i < 3; i++) {
            assertThat(click(aToken()).billed()).isTrue();
        }

        assertInvalid(click(aToken()), InvalidClickReason.IP_BURST);
        assertThat(recordClick.click(new ClickCommand(aToken(), aUser(), null, "198.51.100.1", BROWSER)).billed()).isTrue();
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(click(aToken()).billed()).isTrue();
        assertThat(spent()).isEqualTo(5 * 75);
    }

    @Test
    void the_burst_limit_holds_for_the_deployment_not_per_node_when_clicks_of_one_ip_go_to_three_nodes() {
        // Three nodes: each its own use case and in-memory burst count, one click log between them.
        List<RecordClick> nodes = List.of(recordClick,
                new RecordClick(signer, hasher, BotUserAgents.standard(), rules, log, BudgetCalendar.UTC, TestData.IDS, clock),
                new RecordClick(signer, hasher, BotUserAgents.standard(), rules, log, BudgetCalendar.UTC, TestData.IDS, clock));

        List<ClickResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            results.add(nodes.get(i % 3).click(byUser(aToken(), aUser())));
        }

        assertThat(results).filteredOn(ClickResult::billed).hasSize(3);
        assertThat(results.subList(3, 9)).allSatisfy(result -> assertInvalid(result, InvalidClickReason.IP_BURST));
        assertThat(spent()).isEqualTo(3 * 75);
    }

    @Test
    void the_advertisers_own_user_clicking_is_a_self_click() {
        assertInvalid(recordClick.click(byUser(aToken(), owner.userId().value())), InvalidClickReason.SELF_CLICK);
    }

    @Test
    void a_replayed_token_is_a_duplicate_impression() {
        String token = aToken();
        click(token);

        assertInvalid(click(token), InvalidClickReason.DUPLICATE_IMPRESSION);
        assertThat(spent()).isEqualTo(75);
    }

    @Test
    void an_anonymous_viewer_clicking_the_campaign_again_within_the_window_is_a_repeat() {
        ClickResult first = recordClick.click(new ClickCommand(aToken(), null, "fp-123", IP, BROWSER));
        clock.advance(Duration.ofMinutes(5));
        ClickResult second = recordClick.click(new ClickCommand(aToken(), null, "fp-123", IP, BROWSER));

        assertThat(first.billed()).isTrue();
        assertInvalid(second, InvalidClickReason.REPEATED_VIEWER);
        assertThat(logged(second).anonFpHash()).contains(hasher.fingerprint("fp-123"));
    }

    @Test
    void a_click_on_a_campaign_suspended_since_it_was_served_is_not_billable() {
        String token = aToken();
        Campaign suspended = campaign.apply(CampaignAction.SUSPEND, Actor.ADMIN, NOW).orElseThrow();
        campaigns.updateIfUnchanged(suspended, campaign.updatedAt());

        assertInvalid(click(token), InvalidClickReason.CAMPAIGN_NOT_BILLABLE);
    }

    @Test
    void a_valid_click_the_budget_no_longer_covers_is_a_click_billed_zero_with_the_reason() {
        for (int i = 0; i < 13; i++) {
            recordClick.click(new ClickCommand(aToken(), aUser(), null, "198.51.100." + i, BROWSER));
        }

        ClickResult over = recordClick.click(new ClickCommand(aToken(), aUser(), null, "198.51.100.99", BROWSER));

        assertThat(over.type()).isEqualTo(EventType.CLICK);
        assertThat(over.billedCents()).isZero();
        assertThat(over.reason()).contains("daily_budget");
        assertThat(spent()).isEqualTo(13 * 75);
    }

    @Test
    void no_raw_ip_user_agent_or_fingerprint_reaches_the_log() {
        recordClick.click(new ClickCommand(aToken(), null, "fp-raw-value", IP, BROWSER));
        recordClick.click(new ClickCommand("garbage", null, "fp-raw-value", IP, "curl/8.5.0"));

        assertThat(log.events()).isNotEmpty().allSatisfy(event -> assertThat(event.toString())
                .doesNotContain(IP, BROWSER, "curl/8.5.0", "fp-raw-value"));
    }
}
