-- Volunteers' mobiles leave the clear column (decision 0215). SQL cannot encrypt, so the numbers are held in
-- volunteer_mobiles_clear until the data step (src/ops/clear-mobiles.ts, run at start once the keys are known)
-- encrypts them into the new columns, drops the holding table and VACUUMs the file.
CREATE TABLE `volunteer_mobiles_clear` (
	`volunteer_id` integer PRIMARY KEY NOT NULL,
	`mobile` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `volunteer_mobiles_clear` (`volunteer_id`, `mobile`) SELECT `id`, `mobile` FROM `volunteers`;
--> statement-breakpoint
-- Volunteers' logins were named by the mobile: a clear copy in users. They log in by mobile through the hash now.
UPDATE `users` SET `username` = 'volunteer-' || (SELECT v.`id` FROM `volunteers` v WHERE v.`user_id` = `users`.`id`)
WHERE `id` IN (SELECT `user_id` FROM `volunteers` WHERE `user_id` IS NOT NULL)
  AND `username` GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]';
--> statement-breakpoint
DROP INDEX `volunteers_mobile_unique`;--> statement-breakpoint
-- SQLite adds a NOT NULL column only with a default; the placeholders below live until the data step replaces them.
ALTER TABLE `volunteers` ADD `mobile_enc` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `volunteers` ADD `mobile_hash` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `volunteers` SET `mobile_hash` = 'pending:' || `id`;--> statement-breakpoint
ALTER TABLE `volunteers` ADD `mobile_masked` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `volunteers` SET `mobile_masked` = substr(`mobile`, 1, 3) || '****' || substr(`mobile`, 8);--> statement-breakpoint
ALTER TABLE `volunteers` ADD `key_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `volunteers_mobile_hash_unique` ON `volunteers` (`mobile_hash`);--> statement-breakpoint
ALTER TABLE `volunteers` DROP COLUMN `mobile`;
