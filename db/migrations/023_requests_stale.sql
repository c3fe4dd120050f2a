-- Requests that went stale overnight are found by date, to take them out of the match lists.
create index buyer_requests_stale on buyer_requests (stale_after) where deleted_at is null;
