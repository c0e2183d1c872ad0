-- Indexes only; the seed's tables and constraints stay as V1 created them.

-- Campaigns are listed per advertiser.
create index promo_campaign_advertiser_id_idx on promo_campaign (advertiser_id);

-- Natural key of a policy, used as its upsert key: one policy per surface, role and city.
-- A null role means "any role"; coalesce makes two such policies for one surface/city collide.
create unique index promo_policy_natural_key on promo_policy (surface, coalesce(role, ''), city);
