-- Saved quotes: the request, the exact response text and the hashes of the
-- tariff versions used, kept unchanged for audit. Never updated.
CREATE TABLE saved_quotes (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  quote_id TEXT NOT NULL,
  imo TEXT NOT NULL,
  created_at TEXT NOT NULL,
  request TEXT NOT NULL,
  response TEXT NOT NULL,
  -- JSON array of { id, regime, sha256 } of the tariff versions used.
  tariffs TEXT NOT NULL,
  PRIMARY KEY (account_id, quote_id)
);

CREATE INDEX saved_quotes_by_vessel ON saved_quotes (account_id, imo, created_at);
CREATE INDEX saved_quotes_by_time ON saved_quotes (account_id, created_at);
