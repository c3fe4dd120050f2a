-- Container plans: the request as resolved (every reel line with its size, the box types
-- and options, so a plan can be made again from the row alone), then the plan the container
-- actor made of it. Who asked is kept: only they (their key, their buyer or mill) and
-- operators see a plan.
create table container_plans (
  id           uuid primary key,
  -- keys are revoked, not deleted; a buyer's deletion takes its keys with it
  requested_by uuid references api_keys(id) on delete set null,
  buyer_id     uuid references buyers(id) on delete cascade,
  mill_id      uuid references mills(id) on delete set null,
  -- the planner's input (actors/container/plan/schema.ts PlanInput), offer lines resolved
  input        jsonb not null,
  -- how each offer line became a reel line: count and loading point, and where they came from
  sources      jsonb not null default '[]',
  -- the planContainers message, so a plan whose message died shows that error
  message_id   uuid,
  status       text not null default 'requested' check (status in ('requested', 'planned', 'failed')),
  plan         jsonb,
  error        jsonb,
  duration_ms  double precision,
  created_at   timestamptz not null default now(),
  planned_at   timestamptz,
  updated_at   timestamptz not null default now(),
  check ((status = 'planned') = (plan is not null))
);
create index container_plans_buyer on container_plans (buyer_id, id desc) where buyer_id is not null;
create index container_plans_mill on container_plans (mill_id, id desc) where mill_id is not null;
create index container_plans_requester on container_plans (requested_by, id desc);
