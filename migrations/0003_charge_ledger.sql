-- The charge ledger: fees a vessel has actually paid, per account. Amounts are
-- exact decimal text, never REAL. A charge is voided (voided_at), never deleted.
-- An Idempotency-Key is unique per account; request_hash is the SHA-256 of the
-- canonical request, so a reused key with another body can be refused.
CREATE TABLE charges (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  imo TEXT NOT NULL,
  regime TEXT NOT NULL,
  date TEXT NOT NULL,
  port TEXT NOT NULL,
  amount TEXT NOT NULL,
  currency TEXT NOT NULL,
  reference TEXT NOT NULL,
  created_at TEXT NOT NULL,
  voided_at TEXT,
  idempotency_key TEXT,
  request_hash TEXT NOT NULL,
  UNIQUE (account_id, idempotency_key)
);

CREATE INDEX charges_by_vessel ON charges (account_id, imo, date);
