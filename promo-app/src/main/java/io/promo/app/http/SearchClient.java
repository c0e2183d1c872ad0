package io.promo.app.http;

import io.promo.domain.traffic.ClickRules;

/**
 * The searcher's client as the search service forwards it, {@code "client": {"ip", "user_agent"}}, on decisions
 * and clicks. Only ever hashed (I9): never logged, never stored raw, and hidden from {@link #toString()}.
 */
record SearchClient(String ip, String userAgent) {

    // Its fields, each named once.
    private static final String IP = "ip";
    private static final String USER_AGENT = "user_agent";

    /**
     * Reads and checks a {@code client} object; null when it is missing (its absence was reported already) or broken:
     * the violations end the request.
     */
    static SearchClient read(JsonBody client) {
        if (client == null) {
            return null;
        }
        client.allowOnly(IP, USER_AGENT);
        String ip = client.text(IP);
        String userAgent = client.text(USER_AGENT);
        if (ip != null && (ip.isBlank() || ip.length() > ClickRules.MAX_IP_LENGTH)) {
            client.reject(IP, "must be 1 to " + ClickRules.MAX_IP_LENGTH + " characters");
        }
        if (userAgent != null && (userAgent.isBlank() || userAgent.length() > ClickRules.MAX_USER_AGENT_LENGTH)) {
            client.reject(USER_AGENT, "must be 1 to " + ClickRules.MAX_USER_AGENT_LENGTH + " characters");
        }
        return ip == null || userAgent == null ? null : new SearchClient(ip, userAgent);
    }

    @Override
    public String toString() {
        return "SearchClient[hidden]";
    }
}
