package io.promo.domain.campaign;

import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Fake for fast domain tests; {@link CampaignRepositoryContract} keeps it honest. */
public final class InMemoryCampaignRepository implements CampaignRepository {

    private static final Comparator<Campaign> OLDEST_FIRST =
            Comparator.comparing(Campaign::createdAt).thenComparing(c -> c.id().value());

    private final ConcurrentHashMap<CampaignId, Campaign> rows = new ConcurrentHashMap<>();

    @Override
    public void insert(Campaign campaign) {
        if (rows.putIfAbsent(campaign.id(), campaign) != null) {
            throw new IllegalStateException("duplicate campaign id " + campaign.id());
        }
    }

    /** Counts and inserts as one step for all advertisers: a fake for tests need not be finer. */
    @Override
    public synchronized boolean insertWithinQuota(Campaign campaign, CampaignQuota quota) {
        long counted = rows.values().stream()
                .filter(c -> c.isOwnedBy(campaign.advertiserId()) && CampaignQuota.counts(c.status())).count();
        if (!quota.allowsAnother(counted)) {
            return false;
        }
        insert(campaign);
        return true;
    }

    @Override
    public Optional<Campaign> findById(CampaignId id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public List<Campaign> findByAdvertiser(AdvertiserId advertiserId) {
        return rows.values().stream().filter(c -> c.isOwnedBy(advertiserId)).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public List<Campaign> findAll() {
        return rows.values().stream().sorted(OLDEST_FIRST).toList();
    }

    @Override
    public boolean updateIfUnchanged(Campaign changed, Instant expectedVersion) {
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
