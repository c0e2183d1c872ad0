-- The event log (issue 5): what the click rules need from promo_event, and the per-day counts beside it.
-- The seed's promo_event stays as V1 created it; V4 already makes it append-only.

-- A click of one impression is logged once: a second becomes an invalid_click (duplicate_impression). The
-- database enforces it, so two concurrent clicks of one token cannot both pass.
create unique index promo_event_click_per_impression on promo_event (impression_id) where type = 'click';

-- The repeat rule: has this viewer (user id, else keyed fingerprint hash) clicked this campaign lately?
create index promo_event_click_by_viewer on promo_event (campaign_id, coalesce(user_id, anon_fp_hash), ts)
  where type = 'click';

-- Retroactive credits: a campaign's clicks in a period.
create index promo_event_click_by_time on promo_event (campaign_id, ts) where type = 'click';

-- Events per campaign, budget day (in the deployment's zone), type and outcome (ADR 0006): reports and the
-- CTR feed read this instead of counting millions of events. Moved in the same transaction as the events it
-- counts (a batch of impressions, a click), so it always equals counting promo_event.
--   outcome: '' for impressions; 'billed' or the not-billed reason for clicks; the reason of an invalid click.
create table promo_traffic_daily (
  campaign_id text not null,
  budget_day date not null,
  type text not null check (type in ('impression', 'click', 'invalid_click')),
  outcome text not null,
  events bigint not null check (events >= 0),
  primary key (campaign_id, budget_day, type, outcome)
);
