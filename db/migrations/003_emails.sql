-- Every inbound e-mail, stored raw before the sender gets its 2xx.
create table emails (
  id             uuid primary key,
  -- Message-ID when the mail has one, else sha256 of the raw bytes: a second delivery is recognised.
  identity       text not null unique,
  message_id     text,
  source         text not null,
  raw            bytea not null,
  size_bytes     integer not null,
  received_at    timestamptz not null default now(),
  status         text not null default 'received' check (status in ('received', 'ingested', 'failed')),
  failure_reason text,
  from_address   text,
  subject        text,
  sent_at        timestamptz,
  parts          jsonb,
  ingested_at    timestamptz
);
create index emails_received on emails (received_at desc);
create index emails_status on emails (status, received_at desc);
