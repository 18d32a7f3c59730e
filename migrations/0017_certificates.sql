CREATE TABLE `certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`serial` text NOT NULL,
	`volunteer_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`volunteer_name` text NOT NULL,
	`organisation_name` text NOT NULL,
	`organisation_contact` text,
	`issued_on` text NOT NULL,
	`first_date` text NOT NULL,
	`last_date` text NOT NULL,
	`total_tenths` integer NOT NULL,
	`lines` text NOT NULL,
	`issued_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`volunteer_id`) REFERENCES `volunteers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_serial_unique` ON `certificates` (`serial`);--> statement-breakpoint
CREATE INDEX `certificates_volunteer_idx` ON `certificates` (`volunteer_id`,`organisation_id`,`issued_on`);