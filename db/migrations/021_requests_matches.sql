-- Buyer requests (DOMAIN.md, "Buyer requests"): one row per request, its fields as columns
-- so that matching pre-selects candidates with an index instead of reading every request.
create table buyer_requests (
  id                  uuid primary key,
  buyer_id            uuid not null references buyers(id) on delete cascade,
  grades              text[] not null check (cardinality(grades) > 0),
  gsm_min             integer not null check (gsm_min > 0),
  gsm_max             integer not null,
  width_min           integer not null check (width_min > 0),
  width_max           integer not null,
  diameter_min        integer,
  diameter_max        integer,
  core_mm             integer,
  quantity_min        numeric(12, 3) not null check (quantity_min >= 0),
  quantity_max        numeric(12, 3) not null,
  max_price_amount    numeric(12, 2),
  max_price_currency  text,
  -- the maximum converted at the configured rates when saved; a full rematch refreshes it
  max_price_eur       double precision,
  destination_country text not null check (destination_country ~ '^[A-Z]{2}$'),
  destination_place   text not null,
  stale_after         date not null,
  -- x: grade family × 10000 + the gsm range, y: the minimum width. An offer's hard filters
  -- are one box in this plane, so the GiST index finds the candidates (migration 021, score.ts).
  match_box           box not null,
  created_by          text,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  deleted_at          timestamptz,
  check (gsm_min <= gsm_max),
  check (width_min <= width_max),
  check (quantity_min <= quantity_max),
  check (diameter_min is null or diameter_max is null or diameter_min <= diameter_max),
  check ((max_price_amount is null) = (max_price_currency is null))
);
create index buyer_requests_match on buyer_requests using gist (match_box) where deleted_at is null;
create index buyer_requests_buyer on buyer_requests (buyer_id, id desc) where deleted_at is null;
create index buyer_requests_grades on buyer_requests using gin (grades) where deleted_at is null;
create index buyer_requests_list on buyer_requests (id desc) where deleted_at is null;

-- A new request looks for offers that can still be matched: by grade and gsm.
create index offers_matchable on offers (grade, gsm) where status in ('open', 'exclusive');

-- The best matches of each offer line (at most MATCHES_PER_OFFER), one row per offer × request.
-- The reasons are not stored: they follow from the offer, the request and the market
-- configuration, and are written out when a match is shown.
create table matches (
  offer_id   uuid not null references offers(id) on delete cascade,
  request_id uuid not null references buyer_requests(id) on delete cascade,
  buyer_id   uuid not null references buyers(id) on delete cascade,
  score      double precision not null check (score > 0 and score <= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (offer_id, request_id)
);
create index matches_offer_rank on matches (offer_id, score desc, request_id);
create index matches_request on matches (request_id);
create index matches_buyer on matches (buyer_id, score desc);

-- The exclusivity machine's state per offer line (actors/matching/exclusivity.ts), written
-- only under the offer row's lock.
create table offer_exclusivity (
  offer_id   uuid primary key references offers(id) on delete cascade,
  state      jsonb not null,
  updated_at timestamptz not null default now()
);

-- Every window the machine opened, for listings and the scheduler's expiry timers.
create table exclusivity_windows (
  id          uuid primary key,
  -- the machine's window id, `${offer_id}/w${n}`
  window_key  text not null unique,
  offer_id    uuid not null references offers(id) on delete cascade,
  buyer_id    uuid not null references buyers(id) on delete cascade,
  request_id  uuid not null references buyer_requests(id),
  score       double precision not null,
  opened_at   timestamptz not null,
  expires_at  timestamptz not null,
  closed_at   timestamptz,
  outcome     text check (outcome in ('accepted', 'declined', 'expired', 'withdrawn')),
  decided_by  text,
  check ((closed_at is null) = (outcome is null))
);
create index exclusivity_windows_buyer on exclusivity_windows (buyer_id, opened_at desc);
create index exclusivity_windows_offer on exclusivity_windows (offer_id, opened_at);
create index exclusivity_windows_open on exclusivity_windows (expires_at) where closed_at is null;

-- An accepted window: the offer line's quantity reserved for one buyer. One deal per offer
-- line, ever: the unique key is the last guard against selling twice.
create table deals (
  id             uuid primary key,
  offer_id       uuid not null unique references offers(id),
  buyer_id       uuid not null references buyers(id),
  request_id     uuid not null references buyer_requests(id),
  window_id      uuid not null unique references exclusivity_windows(id),
  score          double precision not null,
  quantity_t     numeric(12, 3),
  price_amount   numeric(12, 2),
  price_currency text,
  created_by     text,
  created_at     timestamptz not null default now()
);
create index deals_buyer on deals (buyer_id, created_at desc);
