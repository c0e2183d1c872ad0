package io.promo.domain.serving;

import java.util.Map;

/**
 * Promoted entity id → its campaigns in one city slice, built for the decision path's one lookup per organic
 * match, where memory latency, not arithmetic, is the cost:
 * <ul>
 *   <li>open addressing over one {@code int[]} of the ids' {@link String#hashCode}s (cached in every string),
 *       so a lookup reads neither a key nor the id's characters, and an id nobody promotes (most organic matches)
 *       costs one or two reads of that small array;</li>
 *   <li>an entity with a single campaign (the usual case) stores the campaign itself, not a one-element array.</li>
 * </ul>
 * A lookup therefore answers "the campaigns of the entities whose ids have this hash code" (entities whose ids
 * collide share one entry): almost always just the id asked for, and once in a few thousand decisions another
 * one too. Such a stray candidate is harmless until it would be placed, and the decision path checks the entity
 * id exactly before it places a campaign ({@link #isFor}), so the page is exactly what an exact lookup gives.
 */
final class EntityTable {

    private final int[] hashes;
    private final Object[] values;
    private final int mask;
    private final int shift;

    /** @param entries entity id → its campaign, or its campaigns ordered by campaign id in an array */
    EntityTable(Map<String, Object> entries) {
        // A load factor between 3/8 and 3/4: the table stays small enough for the cache, probes stay short.
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 4 / 3 + 1)) << 1;
        hashes = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        entries.forEach((key, campaigns) -> {
            int hash = nonZero(key.hashCode());
            int slot = slot(hash, shift);
            while (hashes[slot] != 0 && hashes[slot] != hash) {
                slot = (slot + 1) & mask;
            }
            if (hashes[slot] == hash) {
                ServingCampaign[] present = all(values[slot]);
                ServingCampaign[] added = all(campaigns);
                ServingCampaign[] merged = java.util.Arrays.copyOf(present, present.length + added.length);
                System.arraycopy(added, 0, merged, present.length, added.length);
                values[slot] = merged;
            } else {
                hashes[slot] = hash;
                values[slot] = campaigns;
            }
        });
    }

    /**
     * The campaigns of the entities whose ids have {@code entityId}'s hash code: a {@link ServingCampaign}, a
     * {@code ServingCampaign[]} of several, or null.
     */
    Object get(String entityId) {
        int hash = nonZero(entityId.hashCode());
        int slot = slot(hash, shift);
        int stored;
        while ((stored = hashes[slot]) != 0) {
            if (stored == hash) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    private static ServingCampaign[] all(Object value) {
        return value instanceof ServingCampaign ? new ServingCampaign[] {(ServingCampaign) value} : (ServingCampaign[]) value;
    }

    /** The exact check behind a hash match. */
    static boolean isFor(ServingCampaign campaign, String entityId) {
        return campaign.targetEntityId.equals(entityId);
    }

    /** 0 marks an empty slot. */
    private static int nonZero(int hash) {
        return hash == 0 ? 1 : hash;
    }

    /**
     * Fibonacci hashing: the top bits of the hash times 2^64/φ. Ids such as srv_c1, srv_c2, … have consecutive
     * hash codes; taken modulo the capacity they would fill consecutive slots, and linear probing would then
     * walk long runs for every id not in the table.
     */
    static int slot(int hash, int shift) {
        return (int) ((hash * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
