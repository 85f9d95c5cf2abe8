-- Countermeasure list versions already noticed by the scheduled check, as
-- tariff_versions_seen is for tariffs: the primary key makes the notice happen
-- once per version however many isolates run the check. `announced` is 0 for
-- the versions found on the first run that sees any list (the baseline).
-- Re-quotes a list version sets off share requote_runs and requote_outcomes,
-- their `tariff_id` holding the list version id.
CREATE TABLE list_versions_seen (
  list_id TEXT PRIMARY KEY,
  list TEXT NOT NULL,
  published TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  run_id TEXT NOT NULL,
  announced INTEGER NOT NULL,
  seen_at TEXT NOT NULL
);
