-- Mills and the addresses they write from: an e-mail is attributed by full address first,
-- then by domain ("@papierfabrik-mainau.example").
create table mills (
  id         uuid primary key,
  name       text not null,
  country    text check (country ~ '^[A-Z]{2}$'),
  created_at timestamptz not null default now()
);

create table mill_senders (
  pattern    text primary key check (pattern = lower(pattern)),
  mill_id    uuid not null references mills(id) on delete cascade,
  created_at timestamptz not null default now()
);

-- Offer lines exactly as DOMAIN.md defines them, with where they came from and where they stand.
-- status: open (the market sees it), exclusive (one buyer's window is open: only that buyer
-- sees it), reserved (accepted, a deal recorded), sold, withdrawn.
create table offers (
  id                 uuid primary key,
  email_id           uuid references emails(id),
  line_no            integer,
  source             text,
  mill_id            uuid references mills(id),
  created_by         text,
  grade              text not null,
  gsm                integer not null check (gsm > 0),
  width_mm           integer check (width_mm > 0),
  sheet_mm           integer[] check (sheet_mm is null or cardinality(sheet_mm) = 2),
  diameter_mm        integer check (diameter_mm > 0),
  core_mm            integer check (core_mm > 0),
  quantity_t         numeric(12, 3) check (quantity_t >= 0),
  quantity_shared    boolean not null default false,
  reels              integer check (reels >= 0),
  price_amount       numeric(12, 2),
  price_currency     text,
  incoterm           text,
  incoterm_place     text,
  origin             text check (origin ~ '^[A-Z]{2}$'),
  available          text,
  -- `available` as a date (a week counts from its Monday), for "available before" filters.
  available_from     date,
  status             text not null default 'open'
                     check (status in ('open', 'exclusive', 'reserved', 'sold', 'withdrawn')),
  exclusive_buyer_id uuid,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  unique (email_id, line_no)
);
create index offers_open_by_grade on offers (grade, gsm, width_mm) where status = 'open';
create index offers_status on offers (status, created_at desc);
create index offers_email on offers (email_id);
create index offers_exclusive_buyer on offers (exclusive_buyer_id) where exclusive_buyer_id is not null;
