-- Buyers (converters, corrugators, printers, traders), managed by operators. A buyer API
-- key (api_keys.buyer_id) belongs to one buyer.
create table buyers (
  id         uuid primary key,
  name       text not null,
  country    text not null check (country ~ '^[A-Z]{2}$'),
  -- the exclusivity window length follows the tier (48 h unless configured)
  tier       text not null default 'standard',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table buyer_contacts (
  id                uuid primary key,
  buyer_id          uuid not null references buyers(id) on delete cascade,
  name              text not null,
  email             text not null unique check (email = lower(email)),
  newsletter        boolean not null default true,
  -- opaque, per contact: the one-click unsubscribe link carries it
  unsubscribe_token text not null unique,
  unsubscribed_at   timestamptz,
  bounced_at        timestamptz,
  soft_bounces      integer not null default 0,
  created_at        timestamptz not null default now()
);
create index buyer_contacts_buyer on buyer_contacts (buyer_id);

-- What a buyer's newsletter covers: grades with optional gsm and width ranges.
create table buyer_follows (
  id        uuid primary key,
  buyer_id  uuid not null references buyers(id) on delete cascade,
  grade     text not null,
  gsm_min   integer,
  gsm_max   integer,
  width_min integer,
  width_max integer,
  check (gsm_min is null or gsm_max is null or gsm_min <= gsm_max),
  check (width_min is null or width_max is null or width_min <= width_max)
);
create index buyer_follows_buyer on buyer_follows (buyer_id);

alter table api_keys add constraint api_keys_buyer_fk foreign key (buyer_id) references buyers(id) on delete cascade;
alter table api_keys add constraint api_keys_mill_fk foreign key (mill_id) references mills(id) on delete cascade;
alter table api_keys add constraint api_keys_buyer_role check ((role = 'buyer') = (buyer_id is not null));
