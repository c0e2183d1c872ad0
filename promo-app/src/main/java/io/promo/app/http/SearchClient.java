package io.promo.app.http;

import io.promo.domain.traffic.ClickRules;

/**
 * The searcher's client as the search service forwards it, {@code "client": {"ip", "user_agent"}}, on decisions
 * and clicks. Only ever hashed (I9): never logged, never stored raw, and hidden from {@link #toString()}.
 */
record SearchClient(String ip, String userAgent) {

    /** Reads and checks {@code client}; null when it is missing or broken: the violations end the request. */
    static SearchClient read(JsonBody body) {
        JsonBody client = body.object("client");
        if (client == null) {
            return null;
        }
        client.allowOnly("ip", "user_agent");
        String ip = client.text("ip");
        String userAgent = client.text("user_agent");
        if (ip != null && (ip.isBlank() || ip.length() > ClickRules.MAX_IP_LENGTH)) {
            client.reject("ip", "must be 1 to " + ClickRules.MAX_IP_LENGTH + " characters");
        }
        if (userAgent != null && (userAgent.isBlank() || userAgent.length() > ClickRules.MAX_USER_AGENT_LENGTH)) {
            client.reject("user_agent", "must be 1 to " + ClickRules.MAX_USER_AGENT_LENGTH + " characters");
        }
        return ip == null || userAgent == null ? null : new SearchClient(ip, userAgent);
    }

    @Override
    public String toString() {
        return "SearchClient[hidden]";
    }
}
