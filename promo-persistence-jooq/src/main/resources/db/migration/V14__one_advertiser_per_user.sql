-- One advertiser per marketplace user (ADR 0019): a second one for a user_id is refused (409 naming the first).
-- A unique index, not a constraint: the seed's promo_advertiser keeps its columns and constraints as written, and
-- concurrent creates for one user cannot both be stored (the adapter inserts with on conflict (user_id) do nothing).
-- Which of two advertisers of one user to keep is a person's decision (their campaigns and money differ), so a
-- database that already holds such a pair stops here, naming the users.
do $$
declare
  users text;
begin
  select string_agg(user_id, ', ' order by user_id) into users
  from (select user_id from promo_advertiser group by user_id having count(*) > 1) as duplicated;
  if users is not null then
    raise exception 'promo_advertiser holds several advertisers for one user_id (%): keep one per user, then migrate again (ADR 0019)', users;
  end if;
end
$$;

create unique index promo_advertiser_user_id_key on promo_advertiser (user_id);
