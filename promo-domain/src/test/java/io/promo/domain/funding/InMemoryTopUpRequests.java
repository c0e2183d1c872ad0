package io.promo.domain.funding;

import io.promo.domain.shared.CampaignId;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Fake for fast domain tests; {@link TopUpRequestsContract} keeps it honest. */
public final class InMemoryTopUpRequests implements TopUpRequests {

    private record Key(CampaignId campaignId, String clientKey) {
    }

    private final ConcurrentHashMap<Key, TopUpRequest> rows = new ConcurrentHashMap<>();

    @Override
    public Claim claim(TopUpRequest claimed) {
        TopUpRequest stored = rows.putIfAbsent(keyOf(claimed), claimed);
        return stored == null ? new Claim(claimed, true) : new Claim(stored, false);
    }

    @Override
    public Optional<TopUpRequest> find(CampaignId campaignId, String clientKey) {
        return Optional.ofNullable(rows.get(new Key(campaignId, clientKey)));
    }

    @Override
    public boolean replace(TopUpRequest current, TopUpRequest next) {
        if (!keyOf(current).equals(keyOf(next))) {
            throw new IllegalArgumentException("a request is replaced by the same request's next state");
        }
        boolean[] replaced = {false};
        rows.computeIfPresent(keyOf(current), (key, stored) -> {
            if (stored.isFinal() || stored.attempt() != current.attempt()) {
                return stored;
            }
            replaced[0] = true;
            return next;
        });
        return replaced[0];
    }

    private static Key keyOf(TopUpRequest request) {
        return new Key(request.campaignId(), request.clientKey());
    }
}
