-- The vessel registry: an account's stored vessel profiles, every version kept.
-- A PUT adds a version; a DELETE adds a version with `deleted = 1` (vessel NULL),
-- so history is never rewritten and the current profile is the highest version
-- when that version is not a deletion.
CREATE TABLE vessel_profiles (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  imo TEXT NOT NULL,
  version INTEGER NOT NULL,
  -- The vessel object of a quote request, JSON; NULL for a deletion.
  vessel TEXT,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  created_at TEXT NOT NULL,
  PRIMARY KEY (account_id, imo, version)
);

-- Whether publishable keys of the account may quote a stored vessel by IMO (0 = no).
ALTER TABLE accounts ADD COLUMN publishable_imo_quotes INTEGER NOT NULL DEFAULT 0;
