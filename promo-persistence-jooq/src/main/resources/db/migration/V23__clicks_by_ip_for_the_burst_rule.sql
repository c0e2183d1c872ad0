-- The per-ip burst rule counts an ip's clicks of the last window over every promo node (ADR 0037): every click and
-- invalid click, whatever became of it, inside the click's transaction. Impressions are left out of the index, so
-- that only the click path pays for it.
create index promo_event_clicks_by_ip on promo_event (ip_hash, ts) where type in ('click', 'invalid_click');
