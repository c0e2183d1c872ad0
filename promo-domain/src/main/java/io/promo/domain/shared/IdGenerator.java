package io.promo.domain.shared;

/**
 * Out port: new ids for the rows promo creates. Ids are time-sortable (creation order is their
 * lexical order at millisecond resolution) and unguessable (no id can be derived from another).
 */
public interface IdGenerator {

    /** A new id {@code <prefix>_<body>}. */
    String next(IdPrefix prefix);

    default AdvertiserId newAdvertiserId() {
        return new AdvertiserId(next(IdPrefix.ADVERTISER));
    }

    default CampaignId newCampaignId() {
        return new CampaignId(next(IdPrefix.CAMPAIGN));
    }

    default PolicyId newPolicyId() {
        return new PolicyId(next(IdPrefix.POLICY));
    }

    default LedgerEntryId newLedgerEntryId() {
        return new LedgerEntryId(next(IdPrefix.LEDGER_ENTRY));
    }

    default EventId newEventId() {
        return new EventId(next(IdPrefix.EVENT));
    }
}
