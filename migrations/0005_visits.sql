CREATE TABLE `cadence_rules` (
	`care_level` text PRIMARY KEY NOT NULL,
	`interval_days` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `needs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient_id` integer NOT NULL,
	`visit_id` integer,
	`category` text NOT NULL,
	`urgency` text DEFAULT 'normal' NOT NULL,
	`text` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`opened_on` text NOT NULL,
	`assigned_on` text,
	`resolved_on` text,
	`assignee` text,
	`resolution` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `needs_status_idx` ON `needs` (`status`,`opened_on`);--> statement-breakpoint
CREATE INDEX `needs_recipient_idx` ON `needs` (`recipient_id`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient_id` integer NOT NULL,
	`visited_on` text NOT NULL,
	`kind` text NOT NULL,
	`visitor_kind` text NOT NULL,
	`visitor_names` text,
	`volunteer_ids` text DEFAULT '[]' NOT NULL,
	`outcome` text NOT NULL,
	`notes` text,
	`recorded_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visits_recipient_on_idx` ON `visits` (`recipient_id`,`outcome`,`visited_on`);--> statement-breakpoint
CREATE INDEX `visits_on_idx` ON `visits` (`visited_on`);