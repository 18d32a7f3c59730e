CREATE TABLE `plan_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`published` integer NOT NULL,
	`volunteer_id` integer NOT NULL,
	`recipient_id` integer NOT NULL,
	`position` integer NOT NULL,
	`pinned` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `visit_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`volunteer_id`) REFERENCES `volunteers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_assignments_uq` ON `plan_assignments` (`plan_id`,`published`,`volunteer_id`,`recipient_id`);--> statement-breakpoint
CREATE INDEX `plan_assignments_volunteer_idx` ON `plan_assignments` (`volunteer_id`,`published`);--> statement-breakpoint
CREATE INDEX `plan_assignments_recipient_idx` ON `plan_assignments` (`recipient_id`);--> statement-breakpoint
CREATE TABLE `visit_exclusions` (
	`recipient_id` integer NOT NULL,
	`volunteer_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`recipient_id`, `volunteer_id`),
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`volunteer_id`) REFERENCES `volunteers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `visit_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`blocked` text DEFAULT '[]' NOT NULL,
	`published_at` integer,
	`published_by` integer,
	`planned_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visit_plans_shift_id_unique` ON `visit_plans` (`shift_id`);--> statement-breakpoint
CREATE TABLE `visit_requirements` (
	`recipient_id` integer PRIMARY KEY NOT NULL,
	`skills` text DEFAULT '[]' NOT NULL,
	`visitors` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE no action
);
