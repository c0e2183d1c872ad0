-- Which marketplace user owns a promotable entity (issue 13, I10, ADR 0017): an advertiser may promote only
-- its own user's entities. The marketplace registers rows (an upsert: it may transfer an entity); in dev mode
-- the first promoter of an unregistered entity claims it. Not a foreign key to promo_advertiser: an entity's
-- owner need not advertise.
create table promo_entity_owner (
  entity_type text not null check (entity_type in ('service_profile', 'studio')),
  entity_id text not null,
  owner_user_id text not null check (owner_user_id like 'usr\_%'),
  recorded_at timestamptz not null default now(),
  primary key (entity_type, entity_id),
  check ((entity_type = 'service_profile' and entity_id like 'srv\_%')
      or (entity_type = 'studio' and entity_id like 'std\_%'))
);
