-- Webhook endpoints, their deliveries and every delivery attempt, and the tariff
-- versions the scheduled check has already noticed.
CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  url TEXT NOT NULL,
  -- JSON array of event types (tariff.published, quote.changed).
  events TEXT NOT NULL,
  description TEXT,
  -- The signing secret, AES-GCM encrypted with the WEBHOOK_KEY secret: base64 of iv || ciphertext.
  secret TEXT NOT NULL,
  created_at TEXT NOT NULL,
  deleted_at TEXT
);

CREATE INDEX webhook_endpoints_by_account ON webhook_endpoints (account_id, created_at);

-- One row per event and endpoint; `id` is the webhook-id header (the same on every retry).
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  event_type TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'retrying', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at);

CREATE TABLE webhook_attempts (
  delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id),
  attempt INTEGER NOT NULL,
  at TEXT NOT NULL,
  -- HTTP status of the answer; NULL when there was none (timeout, refused URL, network error).
  status INTEGER,
  error TEXT,
  duration_ms INTEGER NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
);

-- Tariff versions already noticed by the scheduled check: the primary key makes
-- the notice happen once per version however many isolates run the check.
-- `announced` is 0 for the versions found on the very first run (the baseline).
CREATE TABLE tariff_versions_seen (
  tariff_id TEXT PRIMARY KEY,
  regime TEXT NOT NULL,
  published TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  run_id TEXT NOT NULL,
  announced INTEGER NOT NULL,
  seen_at TEXT NOT NULL
);
