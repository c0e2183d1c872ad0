package io.promo.domain.serving;

import io.promo.domain.shared.IdGenerator;
import io.promo.domain.shared.IdPrefix;
import java.util.concurrent.atomic.AtomicLong;

/** Deterministic ids for replayable tests: {@code <prefix>_<tag><counter>}. */
public final class SequentialIds implements IdGenerator {

    private final String tag;
    private final AtomicLong next = new AtomicLong();

    public SequentialIds(String tag) {
        this.tag = tag;
    }

    @Override
    public String next(IdPrefix prefix) {
        return prefix.prefix() + "_" + tag + String.format("%08d", next.incrementAndGet());
    }
}
