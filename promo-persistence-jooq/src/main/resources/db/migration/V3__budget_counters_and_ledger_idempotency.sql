-- Budget counters beside the ledger (ADR 0005). The ledger stays the source of truth (I7): every
-- counter is changed in the same transaction as the entry that moves it, and reconcile proves the
-- counters equal the ledger's sums.

-- One row per campaign that has ever been funded: the hot row a spend updates conditionally.
create table promo_campaign_budget (
  campaign_id text primary key references promo_campaign(campaign_id) on delete cascade,
  balance_cents bigint not null,      -- Σtopup + Σcredit + Σadjustment − Σspend
  spent_total_cents bigint not null   -- Σspend
);

-- Spend per campaign and budget day (midnight to midnight in the deployment's zone), for I1.
create table promo_campaign_daily_spend (
  campaign_id text not null references promo_campaign(campaign_id) on delete cascade,
  budget_day date not null,
  spent_cents bigint not null check (spent_cents >= 0),
  primary key (campaign_id, budget_day)
);

-- Idempotency (I4, I6): a click is billed once per click event id, a payment becomes one top-up,
-- an admin's credit request is granted once. processor names the source, processor_ref its id.
create unique index promo_budget_ledger_idempotency on promo_budget_ledger (processor, processor_ref);

-- A campaign's ledger, newest first.
create index promo_budget_ledger_campaign_newest on promo_budget_ledger (campaign_id, created_at desc, entry_id desc);
