-- What the second price saved: per campaign and budget day, the billed clicks' bids (their campaign's maximum CPC
-- at serve time) minus what they paid, summed, moved with the click's count in the click's transaction. A report's
-- bids are the day's spend plus this. Stored as the saving rather than as the bids so that rows counted before
-- clicks carried their bid (and clicks of nodes not yet upgraded) read 0: such clicks bid what they paid.
alter table promo_traffic_daily add column savings_cents bigint not null default 0 check (savings_cents >= 0);
