package io.promo.domain.planted;

import io.promo.domain.campaign.CampaignRepository;

/**
 * A planted violation (test code only): a domain class implementing a port the persistence adapter implements,
 * as an in-memory fake would if it left the test-jar. Abstract, because the methods do not matter here.
 */
public abstract class DomainClassImplementingARepository implements CampaignRepository {
}
