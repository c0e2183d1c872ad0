-- A policy may set what a click pays in its scope (ADR 0029), beside the seed's promo_policy (whose columns never
-- change). A policy without a row leaves it to the deployment's PROMO_PRICING_MODE (or, for a role's policy, to its
-- city-wide policy's row).
create table promo_policy_pricing (
  policy_id text primary key references promo_policy (policy_id),
  pricing_mode text not null check (pricing_mode in ('second_price', 'first_price'))
);
