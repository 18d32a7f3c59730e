CREATE TABLE `county_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`agreement_term_years` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `recipients_dashboard_idx`;--> statement-breakpoint
ALTER TABLE `recipients` ADD `agreement_ends_on` text;--> statement-breakpoint
CREATE INDEX `recipients_dashboard_idx` ON `recipients` (`status`,`township_id`,`support_mode`,`agreement_kind`,`agreement_signed_on`,`agreement_ends_on`);