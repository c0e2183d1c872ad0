-- Conversions (ADR 0035): what a marketplace reports its searchers did after clicking (an inquiry, a booking), each
-- recorded once per the marketplace's id and attributed once, when recorded, to a billed click or to none.
-- No raw viewer data: the click id or viewer and entity the marketplace named are kept only as a keyed hash
-- (subject_hash), to tell a replay that names another apart (I9).
create table promo_conversion (
  conversion_id text primary key,       -- the marketplace's own id: what makes recording idempotent
  type text not null check (type ~ '^[a-z][a-z0-9_]{0,31}$'),
  value_cents bigint check (value_cents >= 0), -- in the deployment's currency; null when none was sent
  occurred_at timestamptz not null,
  recorded_at timestamptz not null,
  subject_hash text not null,
  click_id text,                        -- the attributed click (promo_event.event_id), null when unattributed
  campaign_id text,                     -- that click's campaign
  clicked_at timestamptz,               -- that click's time
  click_budget_day date,                -- that click's budget day: where the reports count the conversion
  unattributed_reason text,             -- why no click, when click_id is null
  check ((click_id is null) = (unattributed_reason is not null)),
  check ((click_id is null) = (campaign_id is null) and (click_id is null) = (clicked_at is null)
         and (click_id is null) = (click_budget_day is null))
);

-- A click credited as invalid after the fact takes its conversions out of the reports: found by the click id.
create index promo_conversion_by_click on promo_conversion (click_id) where click_id is not null;

-- Conversions are facts, like ledger entries and events (V4): the database refuses to change or remove them.
create trigger promo_conversion_append_only
  before update or delete on promo_conversion
  for each row execute function promo_refuse_change();

create trigger promo_conversion_no_truncate
  before truncate on promo_conversion
  for each statement execute function promo_refuse_change();

-- Attributed conversions per campaign, click budget day and type, moved in the conversion's own transaction
-- (as promo_traffic_daily is with the events), so that it always equals counting promo_conversion.
create table promo_conversion_daily (
  campaign_id text not null,
  budget_day date not null,
  type text not null,
  conversions bigint not null check (conversions >= 0),
  value_cents bigint not null check (value_cents >= 0),
  primary key (campaign_id, budget_day, type)
);

-- Attribution by viewer looks for the campaigns promoting the entity converted on.
create index promo_campaign_target_entity on promo_campaign (target_entity_type, target_entity_id);
