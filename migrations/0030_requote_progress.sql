-- The re-quotes a newly shipped tariff version sets off, per account: how far
-- they got, so the scheduled check can send a stalled page again; and what each
-- saved quote came to under the version, so a page sent again announces nothing twice.
CREATE TABLE requote_runs (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  tariff_id TEXT NOT NULL,
  -- JSON { savedAt, quoteId } of the last saved quote examined; null before the first page.
  after TEXT,
  -- running | done
  status TEXT NOT NULL CHECK (status IN ('running', 'done')),
  pages INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (account_id, tariff_id)
);

CREATE INDEX requote_runs_by_progress ON requote_runs (status, updated_at);

-- One row per saved quote announced under a version: quote.changed or quote.requote_failed.
CREATE TABLE requote_outcomes (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  tariff_id TEXT NOT NULL,
  quote_id TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('changed', 'failed')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (account_id, tariff_id, quote_id)
);
