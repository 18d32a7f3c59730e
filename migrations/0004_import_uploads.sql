CREATE TABLE `import_uploads` (
	`token` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`register` text NOT NULL,
	`file_name` text NOT NULL,
	`bytes` blob NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_uploads_created_idx` ON `import_uploads` (`created_at`);