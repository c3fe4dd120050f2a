-- What ingestion learns of an e-mail besides its parts: the mill it is attributed to (by
-- mill_senders; null: an unknown sender, for operators to look at) and the lines that
-- looked like offers but could not be read, kept verbatim and never guessed.
alter table emails
  add column mill_id  uuid references mills(id) on delete set null,
  add column unparsed jsonb not null default '[]'::jsonb;
create index emails_mill on emails (mill_id, received_at desc);
create index emails_unknown_sender on emails (received_at desc) where mill_id is null and status <> 'received';
