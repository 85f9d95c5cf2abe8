-- Fleet jobs: one row per job, one per chunk of vessels. Progress is read from
-- the chunk rows, so a chunk written twice (a redelivered message) counts once.
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  -- queued | running | done | failed | cancelled
  status TEXT NOT NULL,
  -- csv | ndjson | json | multipart: how the input object in R2 is read.
  format TEXT NOT NULL,
  content_type TEXT NOT NULL,
  -- JSON: { defaults: QuoteOptions, scenarios: [{ name, assumptions }] }
  options TEXT NOT NULL,
  input_bytes INTEGER NOT NULL,
  vessels_total INTEGER,
  chunks_total INTEGER,
  -- JSON problem { title, detail, errors } when the input cannot be read at all.
  problem TEXT,
  -- SHA-256 hex of the page token, and until when the token opens /jobs/{id}.
  page_token_hash TEXT NOT NULL,
  page_expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT
);

CREATE INDEX jobs_by_account ON jobs (account_id, created_at);

CREATE TABLE job_chunks (
  job_id TEXT NOT NULL REFERENCES jobs(id),
  seq INTEGER NOT NULL,
  -- queued | done | failed
  status TEXT NOT NULL,
  -- Byte range [start, end) of the input object (csv, ndjson), or item range (json, multipart).
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  -- csv: file line of the first row; ndjson: index of the first request.
  first INTEGER NOT NULL,
  vessels INTEGER NOT NULL,
  -- JSON: vessels of this range whose rows also lie elsewhere in the input.
  notes TEXT,
  quoted INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (job_id, seq)
);
