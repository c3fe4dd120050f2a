-- An offer keeps at most MATCHES_PER_OFFER matches, so ranking them needs no index of its
-- own (the primary key finds them); and a request's buyer cascades through the request.
-- Two fewer structures to maintain on every match written (a full rematch writes 200,000).
drop index matches_offer_rank;
alter table matches drop constraint matches_buyer_id_fkey;
