CREATE TABLE `coverage_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`township_id` integer,
	`months` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`township_id`) REFERENCES `townships`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "coverage_periods_months" CHECK("coverage_periods"."months" in (1, 2, 3, 4, 6, 12))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coverage_periods_township_uq` ON `coverage_periods` (coalesce("township_id", 0));--> statement-breakpoint
ALTER TABLE `visit_plans` ADD `households_per_volunteer` integer DEFAULT 4 NOT NULL;