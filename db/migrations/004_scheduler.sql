-- One row per firing of a scheduled job: the unique key makes a second firing a no-op,
-- whichever scheduler process tries it.
create table scheduler_firings (
  job        text not null,
  fire_key   text not null,
  fired_at   timestamptz not null default now(),
  message_id uuid,
  primary key (job, fire_key)
);

-- End-to-end probes: an operator (or the benchmark) sends one and sees it land here.
create table probes (
  message_id  uuid primary key,
  note        text,
  sent_at     timestamptz not null,
  recorded_at timestamptz not null default now()
);
