-- The aid ledger is append-only (decision 0061): no UPDATE or DELETE reaches these tables.
CREATE TRIGGER ledger_lines_no_update BEFORE UPDATE ON ledger_lines
BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END;
--> statement-breakpoint
CREATE TRIGGER ledger_lines_no_delete BEFORE DELETE ON ledger_lines
BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END;
--> statement-breakpoint
CREATE TRIGGER activities_no_update BEFORE UPDATE ON activities
BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END;
--> statement-breakpoint
CREATE TRIGGER activities_no_delete BEFORE DELETE ON activities
BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END;
--> statement-breakpoint
CREATE TRIGGER activity_targets_no_update BEFORE UPDATE ON activity_targets
BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END;
--> statement-breakpoint
CREATE TRIGGER activity_targets_no_delete BEFORE DELETE ON activity_targets
BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END;
--> statement-breakpoint
-- A reversal must mirror an ordinary line of the same activity exactly (negated figures, same date and owner).
CREATE TRIGGER ledger_lines_reversal_mirrors BEFORE INSERT ON ledger_lines
WHEN NEW.reverses_line_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'ledger_bad_reversal')
  WHERE NOT EXISTS (
    SELECT 1 FROM ledger_lines o
    WHERE o.id = NEW.reverses_line_id AND o.reverses_line_id IS NULL
      AND o.activity_id = NEW.activity_id AND o.kind = NEW.kind
      AND o.amount_fen = -NEW.amount_fen AND o.service_centihours = -NEW.service_centihours
      AND o.occurred_on = NEW.occurred_on AND o.organisation_id = NEW.organisation_id
      AND o.township_id IS NEW.township_id
  );
END;
--> statement-breakpoint
-- The monthly roll-up (decision 0062): one row per (month, organisation, township), kept by insert triggers.
CREATE TRIGGER activities_rollup AFTER INSERT ON activities
BEGIN
  INSERT OR IGNORE INTO aid_monthly (month, organisation_id, organisation_kind, township_id)
    VALUES (substr(NEW.occurred_on, 1, 7), NEW.organisation_id, NEW.organisation_kind, coalesce(NEW.township_id, 0));
  UPDATE aid_monthly SET events = events + 1
    WHERE month = substr(NEW.occurred_on, 1, 7) AND organisation_id = NEW.organisation_id AND township_id = coalesce(NEW.township_id, 0);
END;
--> statement-breakpoint
CREATE TRIGGER ledger_lines_rollup AFTER INSERT ON ledger_lines
BEGIN
  INSERT OR IGNORE INTO aid_monthly (month, organisation_id, organisation_kind, township_id)
    SELECT substr(NEW.occurred_on, 1, 7), NEW.organisation_id, a.organisation_kind, coalesce(NEW.township_id, 0)
    FROM activities a WHERE a.id = NEW.activity_id;
  UPDATE aid_monthly SET
      cash_fen = cash_fen + CASE WHEN NEW.kind = 'cash' THEN NEW.amount_fen ELSE 0 END,
      goods_fen = goods_fen + CASE WHEN NEW.kind = 'goods' THEN NEW.amount_fen ELSE 0 END,
      centihours = centihours + NEW.service_centihours
    WHERE month = substr(NEW.occurred_on, 1, 7) AND organisation_id = NEW.organisation_id AND township_id = coalesce(NEW.township_id, 0);
END;
