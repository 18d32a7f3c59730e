CREATE TABLE `kept_submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`path` text NOT NULL,
	`body_enc` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `kept_submissions_expires_idx` ON `kept_submissions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `station_tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient_id` integer NOT NULL,
	`township_id` integer NOT NULL,
	`visit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`opened_on` text NOT NULL,
	`closed_on` text,
	`closed_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`township_id`) REFERENCES `townships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `station_tasks_visit_uq` ON `station_tasks` (`visit_id`);--> statement-breakpoint
CREATE INDEX `station_tasks_township_idx` ON `station_tasks` (`township_id`,`status`);--> statement-breakpoint
CREATE INDEX `station_tasks_recipient_idx` ON `station_tasks` (`recipient_id`,`status`);