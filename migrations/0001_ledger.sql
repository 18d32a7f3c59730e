CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`organisation_kind` text NOT NULL,
	`township_id` integer,
	`occurred_on` text NOT NULL,
	`kind` text NOT NULL,
	`service_day_id` integer,
	`shift_id` integer,
	`note` text,
	`external_ref` text,
	`idempotency_key` text NOT NULL,
	`content_hash` text NOT NULL,
	`write_nonce` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`township_id`) REFERENCES `townships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activities_external_ref_unique` ON `activities` (`external_ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `activities_idempotency_key_unique` ON `activities` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `activities_on_idx` ON `activities` (`occurred_on`,`organisation_kind`,`organisation_id`,`township_id`);--> statement-breakpoint
CREATE INDEX `activities_org_idx` ON `activities` (`organisation_id`,`occurred_on`);--> statement-breakpoint
CREATE INDEX `activities_township_idx` ON `activities` (`township_id`,`occurred_on`);--> statement-breakpoint
CREATE TABLE `activity_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`recipient_id` integer,
	`nursing_home_id` integer,
	`occurred_on` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`township_id` integer,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`nursing_home_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "activity_targets_one_kind" CHECK(("activity_targets"."recipient_id" IS NULL) <> ("activity_targets"."nursing_home_id" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_targets_recipient_uq` ON `activity_targets` (`activity_id`,`recipient_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `activity_targets_home_uq` ON `activity_targets` (`activity_id`,`nursing_home_id`);--> statement-breakpoint
CREATE INDEX `activity_targets_on_idx` ON `activity_targets` (`occurred_on`,`recipient_id`,`nursing_home_id`,`organisation_id`,`township_id`);--> statement-breakpoint
CREATE INDEX `activity_targets_recipient_idx` ON `activity_targets` (`recipient_id`,`occurred_on`);--> statement-breakpoint
CREATE TABLE `aid_monthly` (
	`month` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`organisation_kind` text NOT NULL,
	`township_id` integer NOT NULL,
	`events` integer DEFAULT 0 NOT NULL,
	`cash_fen` integer DEFAULT 0 NOT NULL,
	`goods_fen` integer DEFAULT 0 NOT NULL,
	`centihours` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `organisation_id`, `township_id`)
);
--> statement-breakpoint
CREATE TABLE `ledger_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`kind` text NOT NULL,
	`amount_fen` integer DEFAULT 0 NOT NULL,
	`goods_name` text,
	`quantity` real,
	`unit` text,
	`service_kind` text,
	`service_centihours` integer DEFAULT 0 NOT NULL,
	`volunteers` integer,
	`reverses_line_id` integer,
	`reason` text,
	`occurred_on` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`township_id` integer,
	`write_nonce` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_lines_reverses_uq` ON `ledger_lines` (`reverses_line_id`);--> statement-breakpoint
CREATE INDEX `ledger_lines_activity_idx` ON `ledger_lines` (`activity_id`);--> statement-breakpoint
CREATE INDEX `ledger_lines_on_idx` ON `ledger_lines` (`occurred_on`,`kind`,`amount_fen`,`service_centihours`,`organisation_id`,`township_id`);