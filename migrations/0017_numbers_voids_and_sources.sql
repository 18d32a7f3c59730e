CREATE TABLE `activity_voids` (
	`activity_id` integer PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`write_nonce` text NOT NULL,
	`voided_by` integer,
	`voided_at` integer NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `ledger_lines` ADD `funding_source` text;--> statement-breakpoint
CREATE INDEX `shift_signups_confirmed_at_idx` ON `shift_signups` (`confirmed_at`);--> statement-breakpoint
-- Voids are append-only like the rest of the ledger (decision 0061): a void is never edited or taken back.
CREATE TRIGGER activity_voids_no_update BEFORE UPDATE ON activity_voids
BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END;
--> statement-breakpoint
CREATE TRIGGER activity_voids_no_delete BEFORE DELETE ON activity_voids
BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END;
--> statement-breakpoint
-- A reversal mirrors its line's funding source too, so the table by source nets to what was not reversed.
DROP TRIGGER ledger_lines_reversal_mirrors;
--> statement-breakpoint
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
      AND o.township_id IS NEW.township_id AND o.funding_source IS NEW.funding_source
  );
END;
