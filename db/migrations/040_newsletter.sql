-- The weekly newsletter (issue 6). One issue per ISO week: generating a week twice finds
-- the first row. generated_at is set in the transaction that writes every delivery, so an
-- issue with generated_at has all of its deliveries.
create table newsletter_issues (
  week            text primary key check (week ~ '^\d{4}-W\d{2}$'),
  generated_at    timestamptz,
  -- the offers shown went on the open market in [window_start, window_end)
  window_start    timestamptz,
  window_end      timestamptz,
  send_started_at timestamptz,
  created_at      timestamptz not null default now()
);

-- One delivery per (issue, contact). A sender claims it (pending → sending, attempts + 1,
-- claimed_by the mailbox message that sends it) before talking SMTP and marks it sent
-- after; message_id is the e-mail's Message-ID, the same on every attempt.
create table newsletter_deliveries (
  id            uuid primary key,
  week          text not null references newsletter_issues(week) on delete cascade,
  contact_id    uuid not null references buyer_contacts(id) on delete cascade,
  buyer_id      uuid not null references buyers(id) on delete cascade,
  message_id    text not null unique,
  -- the offer lines selected at generation, in the order shown
  offer_ids     uuid[] not null,
  -- offers that matched but were left out to keep the e-mail readable
  more_offers   integer not null default 0,
  state         text not null default 'pending'
                check (state in ('pending', 'sending', 'sent', 'failed', 'skipped')),
  attempts      integer not null default 0,
  claimed_by    text,
  claimed_at    timestamptz,
  recipient     text,
  sent_at       timestamptz,
  smtp_response text,
  last_error    text,
  bounce        text check (bounce in ('hard', 'soft')),
  bounced_at    timestamptz,
  unique (week, contact_id)
);
create index newsletter_deliveries_state on newsletter_deliveries (week, state);
create index newsletter_deliveries_contact on newsletter_deliveries (contact_id, week desc);

-- Each recipient of each delivery status notification, once: a DSN that arrives twice, or
-- a recordBounce message that runs again, counts once.
create table newsletter_bounces (
  email_id    uuid not null,
  recipient   text not null,
  kind        text not null check (kind in ('hard', 'soft')),
  status      text,
  diagnostic  text,
  contact_id  uuid references buyer_contacts(id) on delete set null,
  delivery_id uuid references newsletter_deliveries(id) on delete set null,
  created_at  timestamptz not null default now(),
  primary key (email_id, recipient)
);
