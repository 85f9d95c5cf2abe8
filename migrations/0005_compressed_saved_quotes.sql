-- Saved quotes of any size the API can answer: a large response is kept
-- gzip-compressed in response_gzip (its exact bytes come back on reading) and
-- `response` is then empty. as_of and totals are kept beside it for listings,
-- which read them from `response` for rows saved before this migration.
ALTER TABLE saved_quotes ADD COLUMN response_gzip BLOB;
ALTER TABLE saved_quotes ADD COLUMN as_of TEXT;
ALTER TABLE saved_quotes ADD COLUMN totals TEXT;
