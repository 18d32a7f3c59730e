DROP INDEX `shift_templates_org_start_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `shift_templates_org_start_uq` ON `shift_templates` (`organisation_id`,`start_time`) WHERE active = 1;--> statement-breakpoint
ALTER TABLE `service_days` ADD `held_on` text;--> statement-breakpoint
ALTER TABLE `service_days` ADD `cancelled_at` integer;