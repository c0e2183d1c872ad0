-- I5: ledger entries and events are immutable facts. No code path updates or deletes them, and the
-- database refuses it too, whoever asks. Corrections are new entries.
create function promo_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op
    using errcode = 'integrity_constraint_violation',
          hint = 'correct a ledger entry with a new entry (credit or adjustment); events are never changed';
end;
$$;

create trigger promo_budget_ledger_append_only
  before update or delete on promo_budget_ledger
  for each row execute function promo_refuse_change();

create trigger promo_budget_ledger_no_truncate
  before truncate on promo_budget_ledger
  for each statement execute function promo_refuse_change();

create trigger promo_event_append_only
  before update or delete on promo_event
  for each row execute function promo_refuse_change();

create trigger promo_event_no_truncate
  before truncate on promo_event
  for each statement execute function promo_refuse_change();
