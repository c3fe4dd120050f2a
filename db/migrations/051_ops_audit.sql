-- Every operator action, from the API, the console or the CLI: who, what, when.
-- who: 'key:<api key id>' over HTTP, 'cli:<OS user>' from the CLI; who_name: the key's name.
create table ops_audit (
  id         uuid primary key,
  at         timestamptz not null default now(),
  who        text not null,
  who_name   text,
  action     text not null,
  actor      text,
  message_id uuid,
  count      integer,
  details    jsonb
);
create index ops_audit_recent on ops_audit (id desc);
create index ops_audit_message on ops_audit (message_id) where message_id is not null;

-- A destructive action asks twice: the first call gets a token bound to what it would
-- destroy (the actor's dead letters up to a cut-off, and how many); the second, with the
-- token, does it, once, if that is still what it would destroy.
create table ops_confirmations (
  token      text primary key,
  action     text not null,
  actor      text not null,
  count      integer not null,
  cutoff     timestamptz not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at    timestamptz
);
