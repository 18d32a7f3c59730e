CREATE TABLE `townships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `townships_name_unique` ON `townships` (`name`);--> statement-breakpoint
CREATE TABLE `villages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`township_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'village' NOT NULL,
	`lat` real,
	`lng` real,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`township_id`) REFERENCES `townships`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `villages_township_name_uq` ON `villages` (`township_id`,`name`);--> statement-breakpoint
CREATE TABLE `incubation_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`stage` text NOT NULL,
	`on` text NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incubation_events_org_idx` ON `incubation_events` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`township_id` integer,
	`credit_code` text,
	`contact_name` text,
	`contact_phone` text,
	`regional` integer DEFAULT false NOT NULL,
	`beds` integer,
	`incubation_stage` text,
	`incubation_year` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`township_id`) REFERENCES `townships`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_name_kind_uq` ON `organisations` (`name`,`kind`);--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_station_township_uq` ON `organisations` (`township_id`) WHERE kind = 'station';--> statement-breakpoint
CREATE INDEX `organisations_township_idx` ON `organisations` (`township_id`);--> statement-breakpoint
CREATE TABLE `login_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_failures_key_at_idx` ON `login_failures` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`secret_hash` blob NOT NULL,
	`created_at` integer NOT NULL,
	`last_active_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`township_id` integer,
	`organisation_id` integer,
	`locale` text DEFAULT 'zh' NOT NULL,
	`disabled_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`township_id`) REFERENCES `townships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient_id` integer NOT NULL,
	`assessed_on` text NOT NULL,
	`assessor` text NOT NULL,
	`eating` integer NOT NULL,
	`dressing` integer NOT NULL,
	`bed_transfer` integer NOT NULL,
	`toileting` integer NOT NULL,
	`walking` integer NOT NULL,
	`bathing` integer NOT NULL,
	`level` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessments_recipient_idx` ON `assessments` (`recipient_id`,`assessed_on`);--> statement-breakpoint
CREATE TABLE `recipients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`id_number_enc` text NOT NULL,
	`id_number_hash` text NOT NULL,
	`id_number_masked` text NOT NULL,
	`key_version` integer NOT NULL,
	`gender` text NOT NULL,
	`birth_date` text NOT NULL,
	`township_id` integer NOT NULL,
	`village_id` integer,
	`address` text,
	`support_mode` text NOT NULL,
	`nursing_home_id` integer,
	`care_level` text NOT NULL,
	`care_notes` text,
	`caregiver_name` text,
	`caregiver_mobile_enc` text,
	`caregiver_mobile_masked` text,
	`agreement_kind` text,
	`agreement_signed_on` text,
	`status` text DEFAULT 'active' NOT NULL,
	`exit_reason` text,
	`exited_on` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`township_id`) REFERENCES `townships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`nursing_home_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recipients_id_number_hash_unique` ON `recipients` (`id_number_hash`);--> statement-breakpoint
CREATE INDEX `recipients_township_idx` ON `recipients` (`township_id`,`status`);--> statement-breakpoint
CREATE INDEX `recipients_village_idx` ON `recipients` (`village_id`);--> statement-breakpoint
CREATE INDEX `recipients_name_idx` ON `recipients` (`name`);--> statement-breakpoint
CREATE TABLE `volunteer_organisations` (
	`volunteer_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	PRIMARY KEY(`volunteer_id`, `organisation_id`),
	FOREIGN KEY (`volunteer_id`) REFERENCES `volunteers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vo_org_idx` ON `volunteer_organisations` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `volunteers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`mobile` text NOT NULL,
	`township_id` integer,
	`skills` text DEFAULT '[]' NOT NULL,
	`party_member` integer DEFAULT false NOT NULL,
	`availability` text DEFAULT 'both' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`township_id`) REFERENCES `townships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volunteers_mobile_unique` ON `volunteers` (`mobile`);--> statement-breakpoint
CREATE INDEX `volunteers_township_idx` ON `volunteers` (`township_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `volunteers_user_uq` ON `volunteers` (`user_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`changes` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`job` text NOT NULL,
	`slot` text NOT NULL,
	`started_at` integer NOT NULL,
	PRIMARY KEY(`job`, `slot`)
);
