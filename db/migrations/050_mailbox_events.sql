-- The life of every message, kept for OPS_EVENT_RETENTION_DAYS (housekeeping purges it),
-- so throughput, failure rates and handling times survive restarts and outlive the
-- mailbox rows themselves (done rows go after DONE_RETENTION_HOURS).
-- received:      written by the statement trigger below, in the outbox's own insert
-- started:       the worker began the handler; duration_ms = time it waited since due
-- succeeded,
-- failed,
-- dead_lettered: the handler's time (null when it never ran: an invalid payload, a lost lease)
-- retried,
-- cancelled:     an operator's action (who and why are in ops_audit)
create table mailbox_events (
  message_id    uuid not null,
  actor         text not null,
  type          text not null,
  event         text not null
                check (event in ('received', 'started', 'succeeded', 'failed', 'dead_lettered', 'retried', 'cancelled')),
  at            timestamptz not null default now(),
  attempt       integer,
  duration_ms   integer,
  worker        text,
  error_code    text,
  error_message text
);

-- One message's timeline.
create index mailbox_events_message on mailbox_events (message_id, at);
-- Per-actor windows: throughput, failure rate, handling times.
create index mailbox_events_actor on mailbox_events (actor, at);
-- An actor's last error, however long ago.
create index mailbox_events_errors on mailbox_events (actor, at) where event in ('failed', 'dead_lettered');
-- Retention: rows arrive in time order, so a BRIN index finds the old ones for little upkeep.
create index mailbox_events_at on mailbox_events using brin (at);

-- 'received' is written in the same statement that writes the messages (the outbox's
-- batched insert, a scheduler's firing, a webhook's transaction): one insert per batch, and
-- no path that writes a message can skip it.
create function mailbox_events_received() returns trigger language plpgsql as $$
begin
  insert into mailbox_events (message_id, actor, type, event, at)
  select id, actor, type, 'received', created_at from received_rows;
  return null;
end
$$;

create trigger mailbox_received after insert on mailbox
  referencing new table as received_rows
  for each statement execute function mailbox_events_received();
