package io.promo.domain.traffic;

import io.promo.domain.shared.Coded;

/**
 * Why a click is logged as {@code invalid_click} and never billed: the {@code reason} of its extra_json.
 * Each names the one rule that decided (the first that failed, in the order of {@link RecordClick}).
 */
public enum InvalidClickReason implements Coded {
    /** Not a token: garbage, truncated, oversize, unparseable fields. */
    MALFORMED_TOKEN("malformed_token"),
    /** Signed with a key id we do not know or no longer accept. */
    UNKNOWN_KEY("unknown_key"),
    /** The signature does not match: tampered or forged. */
    BAD_SIGNATURE("bad_signature"),
    /** Older than the token lifetime. */
    EXPIRED_TOKEN("expired_token"),
    /** Served in the future by our clock: forged or badly skewed. */
    TOKEN_NOT_YET_VALID("token_not_yet_valid"),
    /** Missing, oversize or malformed client data (ip, user agent) or viewer. */
    BAD_CLIENT_DATA("bad_client_data"),
    /** The user agent matches the bot pattern list. */
    BOT_USER_AGENT("bot_user_agent"),
    /** The client ip clicked more often than the burst limit allows. */
    IP_BURST("ip_burst"),
    /** The campaign is unknown, draft, ended or suspended, or its advertiser is suspended. */
    CAMPAIGN_NOT_BILLABLE("campaign_not_billable"),
    /** The viewer is the advertiser's own marketplace user. */
    SELF_CLICK("self_click"),
    /** This impression was clicked before. */
    DUPLICATE_IMPRESSION("duplicate_impression"),
    /** The same viewer clicked the same campaign within the repeat window. */
    REPEATED_VIEWER("repeated_viewer");

    private final String code;

    InvalidClickReason(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    static InvalidClickReason of(TokenRejection rejection) {
        return switch (rejection) {
            case MALFORMED -> MALFORMED_TOKEN;
            case UNKNOWN_KEY -> UNKNOWN_KEY;
            case BAD_SIGNATURE -> BAD_SIGNATURE;
            case EXPIRED -> EXPIRED_TOKEN;
            case NOT_YET_VALID -> TOKEN_NOT_YET_VALID;
        };
    }
}
