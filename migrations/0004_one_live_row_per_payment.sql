-- A payment is one ledger row: (account, vessel, regime, charging port, local
-- date) identifies it. Rows written before this rule may repeat a payment;
-- the first live row (earliest recorded, then first inserted) is kept and the
-- others are voided with a reason naming it. No row is deleted.
ALTER TABLE charges ADD COLUMN void_reason TEXT;

UPDATE charges
SET
  voided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
  void_reason = 'duplicate of charge ' || (
    SELECT first.id FROM charges AS first
    WHERE first.voided_at IS NULL
      AND first.account_id = charges.account_id AND first.imo = charges.imo AND first.regime = charges.regime
      AND first.port = charges.port AND first.date = charges.date
    ORDER BY first.created_at, first.rowid
    LIMIT 1
  ) || ' (same vessel, regime, port and date), voided when the ledger began counting each payment once'
WHERE voided_at IS NULL
  AND EXISTS (
    SELECT 1 FROM charges AS first
    WHERE first.voided_at IS NULL
      AND first.account_id = charges.account_id AND first.imo = charges.imo AND first.regime = charges.regime
      AND first.port = charges.port AND first.date = charges.date
      AND (first.created_at < charges.created_at OR (first.created_at = charges.created_at AND first.rowid < charges.rowid))
  );

-- At most one live row per payment: concurrent writes of one payment cannot both insert.
CREATE UNIQUE INDEX charges_one_live_payment ON charges (account_id, imo, regime, port, date) WHERE voided_at IS NULL;
