package io.promo.domain.serving.index;

import java.util.Arrays;
import java.util.Map;

/**
 * Promoted entity id → its campaigns in one city slice, built for the decision path's one lookup per organic
 * match, where memory latency, not arithmetic, is the cost:
 * <ul>
 *   <li>open addressing over one {@code int[]} of the ids' {@link String#hashCode}s (cached in every string),
 *       so a lookup reads neither a key nor the id's characters, and an id nobody promotes (most organic matches)
 *       costs one or two reads of that small array;</li>
 *   <li>an entity with a single campaign (the usual case) stores the campaign itself, not a one-element array,
 *       and beside it, in primitive arrays, the campaign's score and format: ranking the candidates of a search
 *       reads these small arrays, and only the campaigns that come up for a position are read themselves.</li>
 * </ul>
 * A lookup therefore answers "the campaigns of the entities whose ids have this hash code" (entities whose ids
 * collide share one entry): almost always just the id asked for, and once in a few thousand decisions another
 * one too. Such a stray candidate is harmless until it would be placed, and the decision path checks the entity
 * id exactly before it places a campaign ({@link #isFor}), so the page is exactly what an exact lookup gives.
 *
 * <p>Each snapshot builds its tables, so they live here with the index; the engine's per-thread scratch reads
 * them (ADR 0010 measures the gain, ADR 0024 says why the table is not in the engine's package).
 */
public final class EntityTable {

    private static final byte ONE_BOOSTED = 1;
    private static final byte ONE_FEATURED = 2;
    private static final byte SEVERAL = 3;

    private final int[] hashes;
    private final Object[] values;
    /** Per slot: {@link #SEVERAL}, or the format of the entry's one campaign. */
    private final byte[] kinds;
    /** Per slot of one campaign: its score. */
    private final double[] scores;
    private final int mask;
    private final int shift;

    /** @param entries entity id → its campaign, or its campaigns ordered by campaign id in an array */
    EntityTable(Map<String, Object> entries) {
        // A load factor between 3/8 and 3/4: the table stays small enough for the cache, probes stay short.
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 4 / 3 + 1)) << 1;
        hashes = new int[capacity];
        values = new Object[capacity];
        kinds = new byte[capacity];
        scores = new double[capacity];
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
                ServingCampaign[] merged = Arrays.copyOf(present, present.length + added.length);
                System.arraycopy(added, 0, merged, present.length, added.length);
                values[slot] = merged;
                kinds[slot] = SEVERAL;
            } else {
                hashes[slot] = hash;
                values[slot] = campaigns;
                if (campaigns instanceof ServingCampaign one) {
                    kinds[slot] = one.featured ? ONE_FEATURED : ONE_BOOSTED;
                    scores[slot] = one.score;
                } else {
                    kinds[slot] = SEVERAL;
                }
            }
        });
    }

    private EntityTable(EntityTable from, Object[] values) {
        this.hashes = from.hashes;
        this.values = values;
        this.kinds = from.kinds;
        this.scores = from.scores;
        this.mask = from.mask;
        this.shift = from.shift;
    }

    /**
     * This table with {@code replacement} where {@code present} was: a campaign with the same entity, format and
     * score (only its budget differs), so the hashes, kinds and scores are shared and only the entry is copied.
     */
    EntityTable replacing(ServingCampaign present, ServingCampaign replacement) {
        int slot = find(present.targetEntityId);
        if (slot < 0) {
            return this;
        }
        Object[] copied = values.clone();
        if (copied[slot] == present) {
            copied[slot] = replacement;
        } else if (copied[slot] instanceof ServingCampaign[] several) {
            ServingCampaign[] replaced = several.clone();
            for (int i = 0; i < replaced.length; i++) {
                if (replaced[i] == present) {
                    replaced[i] = replacement;
                }
            }
            copied[slot] = replaced;
        }
        return new EntityTable(this, copied);
    }

    /**
     * {@link #replacing} for many campaigns at once, copying the entries once: {@code replacements} maps each present
     * campaign (by identity) to its replacement of the same entity, format and score.
     */
    EntityTable replacingAll(java.util.IdentityHashMap<ServingCampaign, ServingCampaign> replacements) {
        Object[] copied = values.clone();
        for (ServingCampaign present : replacements.keySet()) {
            int slot = find(present.targetEntityId);
            if (slot < 0) {
                continue;
            }
            if (copied[slot] == present) {
                copied[slot] = replacements.get(present);
            } else if (copied[slot] instanceof ServingCampaign[] several) {
                ServingCampaign[] replaced = several == values[slot] ? several.clone() : several;
                for (int i = 0; i < replaced.length; i++) {
                    ServingCampaign replacement = replacements.get(replaced[i]);
                    if (replacement != null) {
                        replaced[i] = replacement;
                    }
                }
                copied[slot] = replaced;
            }
        }
        return new EntityTable(this, copied);
    }

    /** Every entry's campaigns, for tests that compare two indexes' contents. */
    void forEachCampaign(java.util.function.Consumer<ServingCampaign> action) {
        for (Object value : values) {
            if (value instanceof ServingCampaign one) {
                action.accept(one);
            } else if (value instanceof ServingCampaign[] several) {
                for (ServingCampaign campaign : several) {
                    action.accept(campaign);
                }
            }
        }
    }

    /** The slot of the entities whose ids have {@code entityId}'s hash code, or -1. */
    public int find(String entityId) {
        int hash = nonZero(entityId.hashCode());
        int slot = slot(hash, shift);
        int stored;
        while ((stored = hashes[slot]) != 0) {
            if (stored == hash) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** True when the entry at {@code slot} has several campaigns ({@link #several}), false for one ({@link #one}). */
    public boolean hasSeveral(int slot) {
        return kinds[slot] == SEVERAL;
    }

    /** The one campaign's score, without reading the campaign. */
    public double score(int slot) {
        return scores[slot];
    }

    /** Whether the one campaign is featured, without reading the campaign. */
    public boolean featured(int slot) {
        return kinds[slot] == ONE_FEATURED;
    }

    public ServingCampaign one(int slot) {
        return (ServingCampaign) values[slot];
    }

    public ServingCampaign[] several(int slot) {
        return (ServingCampaign[]) values[slot];
    }

    private static ServingCampaign[] all(Object value) {
        return value instanceof ServingCampaign one ? new ServingCampaign[] {one} : (ServingCampaign[]) value;
    }

    /** The exact check behind a hash match. */
    public static boolean isFor(ServingCampaign campaign, String entityId) {
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
    public static int slot(int hash, int shift) {
        return (int) ((hash * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
