-- A click's spend reads and writes one row (ADR 0011): promo_campaign_budget holds, beside the balance and
-- total spend, copies of what the spend checks (the campaign's and its advertiser's status, the daily and total
-- budgets) and the spend of the campaign's current budget day. Before, each spend also joined campaign and
-- advertiser and upserted a row per campaign and day.
--
-- The copies are kept by triggers, in the transaction of the change they copy, so no writer can forget them
-- and a status or budget change queues on the budget row like a spend: a spend checks the terms as committed.

alter table promo_campaign_budget
  add column campaign_status text,
  add column advertiser_status text,
  add column daily_budget_cents int,
  add column total_budget_cents int,
  -- The latest budget day with a spend, and its spend. Earlier days are in promo_campaign_closed_day_spend.
  add column spend_day date,
  add column spent_on_day_cents bigint not null default 0 check (spent_on_day_cents >= 0);

-- Every campaign gets its budget row when it is created (below), so a spend never has to create one.
insert into promo_campaign_budget (campaign_id, balance_cents, spent_total_cents)
select campaign_id, 0, 0 from promo_campaign
on conflict (campaign_id) do nothing;

update promo_campaign_budget b
set campaign_status = c.status, advertiser_status = a.status,
    daily_budget_cents = c.daily_budget_cents, total_budget_cents = c.total_budget_cents
from promo_campaign c join promo_advertiser a on a.advertiser_id = c.advertiser_id
where c.campaign_id = b.campaign_id;

alter table promo_campaign_budget
  alter column campaign_status set not null,
  alter column advertiser_status set not null,
  alter column daily_budget_cents set not null;

-- The day rows so far: the latest day of each campaign moves into its budget row, the others are closed days.
alter table promo_campaign_daily_spend rename to promo_campaign_closed_day_spend;
alter table promo_campaign_closed_day_spend rename constraint promo_campaign_daily_spend_pkey
  to promo_campaign_closed_day_spend_pkey;

update promo_campaign_budget b
set spend_day = latest.budget_day, spent_on_day_cents = latest.spent_cents
from (select distinct on (campaign_id) campaign_id, budget_day, spent_cents
      from promo_campaign_closed_day_spend order by campaign_id, budget_day desc) latest
where latest.campaign_id = b.campaign_id;

delete from promo_campaign_closed_day_spend d
using promo_campaign_budget b
where b.campaign_id = d.campaign_id and b.spend_day = d.budget_day;

-- Spend per campaign and budget day, wherever it is kept: what reports, reconcile and the serving index read.
create view promo_campaign_daily_spend as
select campaign_id, budget_day, spent_cents from promo_campaign_closed_day_spend
union all
select campaign_id, spend_day, spent_on_day_cents from promo_campaign_budget where spend_day is not null;

create function promo_copy_campaign_terms() returns trigger language plpgsql as $$
begin
  insert into promo_campaign_budget as b
    (campaign_id, balance_cents, spent_total_cents, campaign_status, advertiser_status,
     daily_budget_cents, total_budget_cents)
  select new.campaign_id, 0, 0, new.status, a.status, new.daily_budget_cents, new.total_budget_cents
  from promo_advertiser a where a.advertiser_id = new.advertiser_id
  on conflict (campaign_id) do update
    set campaign_status = excluded.campaign_status, advertiser_status = excluded.advertiser_status,
        daily_budget_cents = excluded.daily_budget_cents, total_budget_cents = excluded.total_budget_cents;
  return null;
end;
$$;

create trigger promo_campaign_terms_to_budget
  after insert or update of status, daily_budget_cents, total_budget_cents, advertiser_id on promo_campaign
  for each row execute function promo_copy_campaign_terms();

create function promo_copy_advertiser_status() returns trigger language plpgsql as $$
begin
  update promo_campaign_budget b set advertiser_status = new.status
  from promo_campaign c
  where c.campaign_id = b.campaign_id and c.advertiser_id = new.advertiser_id;
  return null;
end;
$$;

create trigger promo_advertiser_status_to_budget
  after update of status on promo_advertiser
  for each row when (old.status is distinct from new.status)
  execute function promo_copy_advertiser_status();
