-- Frequency caps (ADR 0034): a campaign's own cap, beside the seed's promo_campaign (whose columns never change).
-- A campaign without a row runs under the deployment's default (PROMO_FREQUENCY_CAP), if any. The bounds are the
-- domain's (campaign.FrequencyCap), repeated here so that no other writer can store a cap the token cannot hold.
create table promo_campaign_frequency_cap (
  campaign_id text primary key references promo_campaign (campaign_id),
  impressions int not null check (impressions between 1 and 10),
  period_hours int not null check (period_hours between 1 and 168)
);
