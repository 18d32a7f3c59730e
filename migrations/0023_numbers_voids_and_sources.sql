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
DROP INDEX `ledger_lines_on_idx`;--> statement-breakpoint
DROP INDEX `ledger_lines_township_idx`;--> statement-breakpoint
DROP INDEX `ledger_lines_org_idx`;--> statement-breakpoint
ALTER TABLE `ledger_lines` ADD `funding_source` text;--> statement-breakpoint
CREATE INDEX `ledger_lines_on_idx` ON `ledger_lines` (`occurred_on`,`kind`,`funding_source`,`amount_fen`,`service_centihours`,`organisation_id`,`township_id`);--> statement-breakpoint
CREATE INDEX `ledger_lines_township_idx` ON `ledger_lines` (`township_id`,`occurred_on`,`kind`,`funding_source`,`amount_fen`,`service_centihours`,`organisation_id`);--> statement-breakpoint
CREATE INDEX `ledger_lines_org_idx` ON `ledger_lines` (`organisation_id`,`occurred_on`,`kind`,`funding_source`,`amount_fen`,`service_centihours`,`township_id`);--> statement-breakpoint
CREATE INDEX `shift_signups_confirmed_at_idx` ON `shift_signups` (`confirmed_at`);--> statement-breakpoint
-- Where the aid arrived (decision 0175): a target's township is its household's (or nursing home's), an activity's
-- and its lines' that of its first-named target. Rows written so far carry the organiser's township; the append-only
-- guards are lifted for this one correction and put back below, and the monthly roll-up is refilled from the rows.
DROP TRIGGER activities_no_update;
--> statement-breakpoint
DROP TRIGGER activity_targets_no_update;
--> statement-breakpoint
DROP TRIGGER ledger_lines_no_update;
--> statement-breakpoint
UPDATE activity_targets SET township_id = coalesce(
  (SELECT r.township_id FROM recipients r WHERE r.id = activity_targets.recipient_id),
  (SELECT h.township_id FROM organisations h WHERE h.id = activity_targets.nursing_home_id),
  township_id);
--> statement-breakpoint
UPDATE activities SET township_id = (SELECT t.township_id FROM activity_targets t WHERE t.activity_id = activities.id ORDER BY t.id LIMIT 1)
WHERE EXISTS (SELECT 1 FROM activity_targets t WHERE t.activity_id = activities.id);
--> statement-breakpoint
UPDATE ledger_lines SET township_id = (SELECT a.township_id FROM activities a WHERE a.id = ledger_lines.activity_id);
--> statement-breakpoint
-- Derived data: zeroed and refilled in place (a row left under its old township keeps zeros, adding nothing).
UPDATE aid_monthly SET events = 0, cash_fen = 0, goods_fen = 0, centihours = 0;
--> statement-breakpoint
INSERT INTO aid_monthly (month, organisation_id, organisation_kind, township_id, events, cash_fen, goods_fen, centihours)
SELECT month, organisation_id, organisation_kind, township_id, sum(events), sum(cash), sum(goods), sum(centihours) FROM (
  SELECT substr(occurred_on, 1, 7) AS month, organisation_id, organisation_kind, coalesce(township_id, 0) AS township_id,
    1 AS events, 0 AS cash, 0 AS goods, 0 AS centihours
  FROM activities
  UNION ALL
  SELECT substr(l.occurred_on, 1, 7), l.organisation_id, a.organisation_kind, coalesce(l.township_id, 0), 0,
    CASE WHEN l.kind = 'cash' THEN l.amount_fen ELSE 0 END, CASE WHEN l.kind = 'goods' THEN l.amount_fen ELSE 0 END,
    l.service_centihours
  FROM ledger_lines l JOIN activities a ON a.id = l.activity_id
) WHERE true GROUP BY 1, 2, 3, 4
ON CONFLICT (month, organisation_id, township_id) DO UPDATE SET events = excluded.events, cash_fen = excluded.cash_fen,
  goods_fen = excluded.goods_fen, centihours = excluded.centihours;
--> statement-breakpoint
CREATE TRIGGER activities_no_update BEFORE UPDATE ON activities
BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END;
--> statement-breakpoint
CREATE TRIGGER activity_targets_no_update BEFORE UPDATE ON activity_targets
BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END;
--> statement-breakpoint
CREATE TRIGGER ledger_lines_no_update BEFORE UPDATE ON ledger_lines
BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END;
--> statement-breakpoint
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
