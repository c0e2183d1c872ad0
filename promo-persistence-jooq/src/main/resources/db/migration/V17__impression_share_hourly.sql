-- Impression share (ADR 0031): per campaign, budget day (in the deployment's zone) and hour (a 24th of that day),
-- the searches the campaign was a candidate for, counted in memory by the decisions and added here by upsert when
-- the counts are flushed. Candidate auctions are the impressions plus every lost_* column.
create table promo_impression_share_hourly (
  campaign_id text not null,
  budget_day date not null,
  hour smallint not null check (hour between 0 and 23),
  impressions bigint not null check (impressions >= 0),
  lost_floor bigint not null check (lost_floor >= 0),
  lost_status bigint not null check (lost_status >= 0),
  lost_budget bigint not null check (lost_budget >= 0),
  lost_pacing bigint not null check (lost_pacing >= 0),
  lost_rank bigint not null check (lost_rank >= 0),
  lost_page_caps bigint not null check (lost_page_caps >= 0),
  primary key (campaign_id, budget_day, hour)
);
