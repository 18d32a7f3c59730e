ALTER TABLE `shifts` ADD `confirmed_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `shifts` ADD `waitlisted_count` integer DEFAULT 0 NOT NULL;