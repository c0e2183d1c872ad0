package io.promo.domain.advertiser;

import io.promo.domain.shared.AdvertiserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Fake for fast domain tests; {@link AdvertiserRepositoryContract} keeps it honest. */
public final class InMemoryAdvertiserRepository implements AdvertiserRepository {

    private final ConcurrentHashMap<AdvertiserId, Advertiser> rows = new ConcurrentHashMap<>();

    @Override
    public synchronized Optional<Advertiser> insert(Advertiser advertiser) {
        // synchronized: the look for the user's advertiser and the insert are one step, as the unique index makes them.
        Optional<Advertiser> existing = rows.values().stream()
                .filter(stored -> stored.userId().equals(advertiser.userId())).findFirst();
        if (existing.isPresent()) {
            return existing;
        }
        if (rows.putIfAbsent(advertiser.id(), advertiser) != null) {
            throw new IllegalStateException("duplicate advertiser id " + advertiser.id());
        }
        return Optional.empty();
    }

    @Override
    public Optional<Advertiser> findById(AdvertiserId id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public List<Advertiser> findAll() {
        return rows.values().stream()
                .sorted(Comparator.comparing(Advertiser::createdAt).thenComparing(a -> a.id().value()))
                .toList();
    }

    @Override
    public boolean updateIfUnchanged(Advertiser changed, Instant expectedVersion) {
        boolean[] written = {false};
        rows.computeIfPresent(changed.id(), (id, stored) -> {
            if (!stored.updatedAt().equals(expectedVersion)) {
                return stored;
            }
            written[0] = true;
            return changed;
        });
        return written[0];
    }
}
