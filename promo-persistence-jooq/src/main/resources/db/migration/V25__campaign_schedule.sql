-- A campaign's ad schedule (ADR 0036): the hours of the week it may serve, in the local time of each city it
-- targets. A side table keyed by the campaign, so that the seed's promo_campaign keeps its columns; no row means no
-- schedule (every hour). One row holds every window of the campaign, window i being the i-th element of each array:
-- its days as bits (1 = monday, 2 = tuesday, … 64 = sunday), its first hour (0–23) and its end hour (1–24, exclusive).
-- The domain decides what a valid schedule is (AdSchedule); these checks only keep a row readable.
create table promo_campaign_schedule (
  campaign_id text primary key references promo_campaign(campaign_id) on delete cascade,
  window_days smallint[] not null,
  from_hours smallint[] not null,
  to_hours smallint[] not null,
  check (cardinality(window_days) >= 1
         and cardinality(from_hours) = cardinality(window_days)
         and cardinality(to_hours) = cardinality(window_days)),
  check (1 <= all (window_days) and 127 >= all (window_days)),
  check (0 <= all (from_hours) and 23 >= all (from_hours)),
  check (1 <= all (to_hours) and 24 >= all (to_hours))
);
