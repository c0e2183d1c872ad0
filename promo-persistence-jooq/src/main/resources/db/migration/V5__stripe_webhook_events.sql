-- Stripe webhook events promo has processed (I6). Stripe delivers an event at least once, in any
-- order, sometimes concurrently; the event id, stored once, makes a redelivery a no-op. The money
-- effects are made once by the ledger's own idempotency keys (processor, processor_ref), so this table
-- only short-cuts redeliveries and tells an operator what each event did.
create table promo_stripe_webhook_event (
  event_id text primary key,                 -- Stripe's evt_…
  type text not null,                        -- payment_intent.succeeded, charge.refunded, …
  result text not null check (result in ('applied', 'noted', 'ignored', 'unmatched')),
  detail text,                               -- what happened, for a person; 'unmatched' says why
  processed_at timestamptz not null default now()
);

-- Operators look for what needs them: unmatched events, newest first.
create index promo_stripe_webhook_event_result on promo_stripe_webhook_event (result, processed_at desc);

-- A processed event is a fact like a ledger entry (I5): never changed, never removed.
create trigger promo_stripe_webhook_event_append_only
  before update or delete on promo_stripe_webhook_event
  for each row execute function promo_refuse_change();

create trigger promo_stripe_webhook_event_no_truncate
  before truncate on promo_stripe_webhook_event
  for each statement execute function promo_refuse_change();
