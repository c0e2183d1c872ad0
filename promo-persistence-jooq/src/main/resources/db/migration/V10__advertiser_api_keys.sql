-- Advertisers' API keys (issue 7). A key is handed out once and only its SHA-256 is kept, so a
-- database dump reveals no key; a lost key is replaced, never recovered. One key per advertiser:
-- issuing a new one replaces (and so revokes) the old. key_id is the public part of the key that
-- finds the row; the hash is then compared in constant time by the application.
create table promo_advertiser_api_key (
  advertiser_id text primary key references promo_advertiser(advertiser_id),
  key_id text not null unique,
  key_sha256 text not null check (key_sha256 ~ '^[0-9a-f]{64}$'),
  issued_at timestamptz not null default now()
);
