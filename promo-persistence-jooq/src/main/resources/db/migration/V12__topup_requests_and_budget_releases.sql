-- Top-up requests as promo remembers them (ADR 0015): one row per campaign and client idempotency key,
-- inserted before anything is charged, so that one key charges once across restarts, nodes and the
-- processor's own key retention (Stripe keeps keys for about 24 h). A pending row is a charge in flight
-- (until in_flight_until) or one to try again with the same processor key; every other state is final.
create table promo_topup_request (
  campaign_id text not null references promo_campaign(campaign_id),
  client_key text not null,                  -- the client's idempotency_key, as sent
  amount_cents bigint not null check (amount_cents > 0 and amount_cents <= 2147483647),
  state text not null check (state in ('pending', 'charged', 'action_required', 'processing', 'declined')),
  attempt integer not null check (attempt >= 1),
  in_flight_until timestamptz not null,
  processor_ref text,                        -- pi_…, once the processor named the payment
  client_secret text,                        -- action_required: what the card holder confirms with (Stripe.js)
  decline_code text,
  decline_message text,
  created_at timestamptz not null,
  primary key (campaign_id, client_key),
  check ((state in ('charged', 'action_required', 'processing')) = (processor_ref is not null)),
  check ((state = 'action_required') = (client_secret is not null)),
  check ((state = 'declined') = (decline_code is not null and decline_message is not null))
);

-- A final answer is a fact: it is never changed, and no request is ever removed.
create function promo_refuse_change_of_final_topup_request() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    if old.state = 'pending' and new.campaign_id = old.campaign_id and new.client_key = old.client_key
       and new.amount_cents = old.amount_cents and new.created_at = old.created_at then
      return new;
    end if;
  end if;
  raise exception '%: a top-up request cannot be changed or removed once final (% refused)', tg_table_name, tg_op
    using errcode = 'integrity_constraint_violation';
end;
$$;

create trigger promo_topup_request_final
  before update or delete on promo_topup_request
  for each row execute function promo_refuse_change_of_final_topup_request();

create trigger promo_topup_request_no_truncate
  before truncate on promo_topup_request
  for each statement execute function promo_refuse_change_of_final_topup_request();

-- ADR 0016: a credit for a click found invalid takes the click's spend back from the budgets it counted against
-- (its budget day's spend and the total spend), not only from the balance. Each such release is a fact kept
-- beside the ledger, written in the credit's own transaction: which credit released which spend, on which budget
-- day, and how much. Counters move with it; reconcile subtracts the releases from the ledger's spend sums.
-- A credit recorded while its click's spend is not (yet) in the ledger releases nothing and has no row here.
create table promo_budget_release (
  credit_entry_id text primary key references promo_budget_ledger(entry_id),
  spend_entry_id text not null unique references promo_budget_ledger(entry_id),
  campaign_id text not null references promo_campaign(campaign_id),
  budget_day date not null,
  amount_cents bigint not null check (amount_cents > 0)
);

create index promo_budget_release_campaign_day on promo_budget_release (campaign_id, budget_day);

-- A fact like a ledger entry (I5): never changed, never removed.
create trigger promo_budget_release_append_only
  before update or delete on promo_budget_release
  for each row execute function promo_refuse_change();

create trigger promo_budget_release_no_truncate
  before truncate on promo_budget_release
  for each statement execute function promo_refuse_change();
