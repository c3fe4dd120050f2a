-- Provider deliveries that passed authentication but can never become an e-mail (a form
-- without a message, a body that is not MIME, broken JSON). The provider is told to stop
-- retrying, so this row is the only copy: operators read it, fix the cause, replay it.
create table inbound_rejects (
  id           uuid primary key,
  provider     text not null,
  code         text not null,
  reason       text not null,
  content_type text,
  body         bytea not null,
  size_bytes   integer not null,
  received_at  timestamptz not null default now()
);
create index inbound_rejects_received on inbound_rejects (received_at desc);
