package io.promo.domain.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-ip burst rule: at most {@code limit} clicks from one (hashed) ip address in any sliding
 * {@code window}. Every click counts, allowed or not, so an ip that keeps hammering stays refused.
 *
 * <p>In memory and per app node: it counts only the clicks this node took, a subset of the deployment's, so it
 * refuses a flood early and without a lookup but never refuses what the deployment-wide count would allow. The
 * rule that holds for the deployment is the click log's, which counts every node's logged clicks of the ip inside
 * the click's transaction ({@link ClickPolicy}, ADR 0037). Memory is bounded: at most {@code maxTrackedIps}
 * addresses, idle ones evicted first.
 */
public final class IpBurstLimiter {

    private final int limit;
    private final long windowMillis;
    private final int maxTrackedIps;
    private final Map<String, ArrayDeque<Long>> clicksByIp = new ConcurrentHashMap<>();

    public IpBurstLimiter(int limit, Duration window, int maxTrackedIps) {
        if (limit < 1 || window.isNegative() || window.isZero() || maxTrackedIps < 1) {
            throw new IllegalArgumentException("a burst limit needs limit ≥ 1, a positive window and room for one ip");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.maxTrackedIps = maxTrackedIps;
    }

    /** Counts a click from {@code ipHash} at {@code now}; true while the ip is within its limit. */
    public boolean allow(String ipHash, Instant now) {
        long nowMillis = now.toEpochMilli();
        if (clicksByIp.size() >= maxTrackedIps && !clicksByIp.containsKey(ipHash)) {
            evictIdle(nowMillis);
        }
        ArrayDeque<Long> clicks = clicksByIp.computeIfAbsent(ipHash, ip -> new ArrayDeque<>());
        synchronized (clicks) {
            while (!clicks.isEmpty() && clicks.peekFirst() <= nowMillis - windowMillis) {
                clicks.pollFirst();
            }
            boolean allowed = clicks.size() < limit;
            if (clicks.size() <= limit) {
                clicks.addLast(nowMillis); // beyond limit + 1 the count adds nothing but memory
            } else {
                clicks.pollFirst();
                clicks.addLast(nowMillis);
            }
            return allowed;
        }
    }

    /**
     * Forgets ips with no click in the window; if too many are busy, forgets arbitrary ones down to 90% of the
     * bound, so that a flood of new ips pays for one scan per tenth of the bound, not one per ip.
     */
    private void evictIdle(long nowMillis) {
        clicksByIp.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                Long last = entry.getValue().peekLast();
                return last == null || last <= nowMillis - windowMillis;
            }
        });
        var ips = clicksByIp.keySet().iterator();
        while (clicksByIp.size() > maxTrackedIps * 9L / 10 && ips.hasNext()) {
            ips.next();
            ips.remove();
        }
    }

    public int trackedIps() {
        return clicksByIp.size();
    }
}
