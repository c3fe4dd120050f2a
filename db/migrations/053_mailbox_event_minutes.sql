-- Per actor and minute, the figures the operators' views and charts read, counted as the
-- events are written: an hour is 60 rows per actor (per shard), not every event of it.
-- shard: the writing connection (pg_backend_pid() % 8), so concurrent writers (the outbox's
-- trigger in many transactions, several workers) rarely wait on one row.
-- buckets: how many handler times fell in each bucket of db/ops-histogram.ts (for p95).
create table mailbox_event_minutes (
  actor      text not null,
  minute     timestamptz not null,
  shard      smallint not null,
  received   integer not null default 0,
  succeeded  integer not null default 0,
  failed     integer not null default 0,
  dead       integer not null default 0,
  handled_ms bigint not null default 0,
  timed      integer not null default 0,
  buckets    integer[] not null default '{}',
  primary key (actor, minute, shard)
);
create index mailbox_event_minutes_minute on mailbox_event_minutes (minute);

create or replace function mailbox_events_received() returns trigger language plpgsql as $$
begin
  insert into mailbox_events (message_id, actor, type, event, at)
  select id, actor, type, 'received', created_at from received_rows;
  insert into mailbox_event_minutes as m (actor, minute, shard, received)
  select actor, date_trunc('minute', created_at), pg_backend_pid() % 8, count(*)
  from received_rows group by 1, 2 order by 1, 2
  on conflict (actor, minute, shard) do update set received = m.received + excluded.received;
  return null;
end
$$;
