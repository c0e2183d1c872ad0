package io.promo.domain.traffic;

import java.time.Duration;
import java.util.Objects;

/**
 * The configurable limits of the invalid-click rules.
 *
 * @param repeatWindow     a second click by the same viewer on the same campaign within this window is invalid
 * @param ipBurstLimit     at most this many clicks from one ip address ...
 * @param ipBurstWindow    ... in any sliding window this long, over every node (ADR 0037)
 * @param maxTrackedIps    memory bound of the burst rule
 */
public record ClickRules(Duration repeatWindow, int ipBurstLimit, Duration ipBurstWindow, int maxTrackedIps) {

    /** 10 minutes between a viewer's clicks on one campaign; 20 clicks a minute per ip; 100,000 ips tracked. */
    public static final ClickRules DEFAULTS = new ClickRules(Duration.ofMinutes(10), 20, Duration.ofMinutes(1), 100_000);

    /** An ip address is at most 45 characters (IPv6 with an embedded IPv4); a little slack for a zone id. */
    public static final int MAX_IP_LENGTH = 64;
    /** Real user agents are a few hundred characters; longer ones are refused as bad client data. */
    public static final int MAX_USER_AGENT_LENGTH = 1_024;

    public ClickRules {
        Objects.requireNonNull(repeatWindow, "repeatWindow");
        Objects.requireNonNull(ipBurstWindow, "ipBurstWindow");
        if (repeatWindow.isNegative() || ipBurstLimit < 1 || ipBurstWindow.isNegative() || ipBurstWindow.isZero()
                || maxTrackedIps < 1) {
            throw new IllegalArgumentException("click rules need a non-negative repeat window, a burst limit ≥ 1 over a"
                    + " positive window, and room for one ip");
        }
    }
}
