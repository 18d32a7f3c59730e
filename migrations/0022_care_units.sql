CREATE TABLE `care_unit_households` (
	`recipient_id` integer PRIMARY KEY NOT NULL,
	`unit_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `care_unit_households_unit_idx` ON `care_unit_households` (`unit_id`);--> statement-breakpoint
CREATE TABLE `care_unit_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`name` text NOT NULL,
	`member_role` text NOT NULL,
	`mobile` text,
	`user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `care_unit_members_user_id_unique` ON `care_unit_members` (`user_id`);--> statement-breakpoint
CREATE INDEX `care_unit_members_unit_idx` ON `care_unit_members` (`unit_id`);--> statement-breakpoint
CREATE TABLE `care_unit_villages` (
	`unit_id` integer NOT NULL,
	`village_id` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `village_id`),
	FOREIGN KEY (`unit_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `care_unit_villages_village_idx` ON `care_unit_villages` (`village_id`);--> statement-breakpoint
ALTER TABLE `visits` ADD `organisation_id` integer REFERENCES organisations(id);--> statement-breakpoint
CREATE UNIQUE INDEX `visits_unit_day_uq` ON `visits` (`recipient_id`,`visited_on`,`organisation_id`) WHERE organisation_id IS NOT NULL;