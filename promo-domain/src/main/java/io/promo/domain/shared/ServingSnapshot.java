package io.promo.domain.shared;

/**
 * Out-port: the snapshot this node's decisions answer from (the serving index), for the use cases whose change
 * stops a campaign from being shown: a pause, end or suspension of it or of its advertiser (ADR 0020).
 */
@FunctionalInterface
public interface ServingSnapshot {

    /** For use cases run where nothing serves decisions (tests of the use case alone). */
    ServingSnapshot NONE = () -> {
    };

    /**
     * Called after a change is committed; returns once this node's next decision sees it. Never throws for a
     * failure to catch up: the change stands, and the background refresh brings it within its interval.
     */
    void catchUp();
}
