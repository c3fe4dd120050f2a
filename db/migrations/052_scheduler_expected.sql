-- When each scheduled job is next due, as the leading scheduler last knew it. A scheduler
-- that takes the lead (or checks while leading) and finds a due time in the past with no
-- firing recorded counts a missed firing: the system was down, or the firing failed.
create table scheduler_expected (
  job        text primary key,
  next_due   timestamptz not null,
  updated_at timestamptz not null default now()
);
