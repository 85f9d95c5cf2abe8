-- Stalled fleet jobs: when the scheduled check last sent a queued job's split
-- message again (a running job's progress is its chunks' updated_at).
ALTER TABLE jobs ADD COLUMN resent_at TEXT;

CREATE INDEX jobs_by_status ON jobs (status, created_at);
