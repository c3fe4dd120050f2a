-- API keys are stored as SHA-256 of the key: the key itself is shown once, when minted.
create table api_keys (
  id          uuid primary key,
  name        text not null,
  role        text not null check (role in ('buyer', 'mill', 'operator', 'admin')),
  key_hash    text not null unique,
  key_prefix  text not null,
  buyer_id    uuid,
  mill_id     uuid,
  created_at  timestamptz not null default now(),
  revoked_at  timestamptz,
  last_used_at timestamptz
);

-- Each webhook signature (or provider token) is accepted once; rows older than the
-- allowed clock skew can be purged, as such a request is refused as stale anyway.
create table webhook_nonces (
  provider text not null,
  nonce    text not null,
  seen_at  timestamptz not null default now(),
  primary key (provider, nonce)
);
create index webhook_nonces_seen on webhook_nonces (seen_at);
