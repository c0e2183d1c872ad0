package io.promo.domain.traffic;

import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.shared.Violations;
import java.util.Objects;

/**
 * A decision request ({@code POST /v1/decisions}) with the client the search service served it to. The client's
 * ip and user agent fill the impressions' {@code ip_hash} and {@code ua_hash} (never stored raw, I9).
 * A command that exists is valid: otherwise the constructor throws an {@code InvalidCommandException} naming
 * {@code client.ip} or {@code client.user_agent}.
 */
public record ServeCommand(DecisionRequest request, String ip, String userAgent) {

    public ServeCommand {
        Objects.requireNonNull(request, "request");
        new Violations()
                .require(ip != null && !ip.isBlank() && ip.length() <= ClickRules.MAX_IP_LENGTH, "client.ip",
                        "is required, at most " + ClickRules.MAX_IP_LENGTH + " characters")
                .require(userAgent != null && !userAgent.isBlank() && userAgent.length() <= ClickRules.MAX_USER_AGENT_LENGTH,
                        "client.user_agent", "is required, at most " + ClickRules.MAX_USER_AGENT_LENGTH + " characters")
                .throwIfAny();
    }

    @Override
    public String toString() {
        return "ServeCommand[" + request.surface() + ", " + request.city() + ", client hidden]";
    }
}
