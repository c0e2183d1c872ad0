package io.promo.domain.access;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Use case: an admin issues an advertiser's API key, replacing the one it had. The key is answered once and
 * only its hash is stored, so a lost key is replaced, never recovered.
 */
public final class IssueApiKey {

    private final AdvertiserRepository advertisers;
    private final AdvertiserApiKeys keys;
    private final SecureRandom random;
    private final Clock clock;

    public IssueApiKey(AdvertiserRepository advertisers, AdvertiserApiKeys keys, SecureRandom random, Clock clock) {
        this.advertisers = advertisers;
        this.keys = keys;
        this.random = random;
        this.clock = clock;
    }

    public Outcome<ApiKey> issue(Actor actor, AdvertiserId advertiserId) {
        if (!actor.isAdmin()) {
            return Outcome.rejected(Rejection.forbidden("only an admin can issue API keys"));
        }
        if (advertisers.findById(advertiserId).isEmpty()) {
            return Outcome.notFound("advertiser", advertiserId);
        }
        ApiKey key = ApiKey.generate(random);
        keys.replace(StoredApiKey.of(key, advertiserId, clock.instant()));
        return Outcome.accepted(key);
    }
}
