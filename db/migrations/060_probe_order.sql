-- The order in which probes were handled, across every worker process: comparing it with
-- the send order shows whether a worker pool kept each key's messages in order.
alter table probes add column handled_seq bigint generated always as identity;
