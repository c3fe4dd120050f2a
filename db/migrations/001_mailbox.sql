-- The durable mailbox: every message to every actor is a row here before it is published.
create table mailbox (
  id             uuid primary key,
  actor          text not null,
  type           text not null,
  payload        jsonb not null,
  key            text,
  dedupe_key     text,
  correlation_id text,
  reply_to       text,
  -- who caused the message (an API key id, 'scheduler', 'webhook:mailgun'): GET /messages/{id} shows it to them
  origin         text,
  state          text not null default 'queued'
                 check (state in ('queued', 'in_flight', 'done', 'dead', 'cancelled')),
  attempts       integer not null default 0,
  not_before     timestamptz not null default now(),
  lease_owner    text,
  lease_until    timestamptz,
  last_error     jsonb,
  result         jsonb,
  created_at     timestamptz not null default now(),
  started_at     timestamptz,
  finished_at    timestamptz
);

-- A second send with the same dedupe key is a no-op for as long as the first row is kept.
create unique index mailbox_dedupe on mailbox (actor, dedupe_key) where dedupe_key is not null;
-- The claim path: what is queued and due, per actor, in order.
create index mailbox_due on mailbox (actor, not_before, id) where state = 'queued';
-- The sweeper: leases that ran out.
create index mailbox_leases on mailbox (lease_until) where state = 'in_flight';
-- Housekeeping and dead-letter listings.
create index mailbox_finished on mailbox (actor, state, finished_at) where state in ('done', 'dead', 'cancelled');

-- Durable per-actor controls: a paused actor's messages wait here, visible, until resumed.
create table actor_controls (
  actor      text primary key,
  paused     boolean not null default false,
  reason     text,
  -- set for a pause after a crash loop: the actor tries again by itself after a cool-down
  resume_at  timestamptz,
  changed_by text,
  changed_at timestamptz not null default now()
);
