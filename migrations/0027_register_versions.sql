-- What the dashboard's cards count moves this counter, kept by the database itself (decision 0247): any insert,
-- update or delete of a recipient, a need, a volunteer or a volunteer's organisation, by the app, another instance or the CLI, in the same
-- transaction as the change. A cache keyed by it can never show figures older than the data.
CREATE TABLE `data_versions` (
	`name` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);--> statement-breakpoint
INSERT INTO `data_versions` (`name`, `version`) VALUES ('registers', 0);
--> statement-breakpoint
CREATE TRIGGER `recipients_registers_version_insert` AFTER INSERT ON `recipients`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'registers';
END;
--> statement-breakpoint
CREATE TRIGGER `recipients_registers_version_update` AFTER UPDATE ON `recipients`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'registers';
END;
--> statement-breakpoint
CREATE TRIGGER `recipients_registers_version_delete` AFTER DELETE ON `recipients`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'registers';
END;
--> statement-breakpoint
CREATE TRIGGER `needs_registers_version_insert` AFTER INSERT ON `needs`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'registers';
END;
--> statement-breakpoint
CREATE TRIGGER `needs_registers_version_update` AFTER UPDATE ON `needs`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'registers';
END;
--> statement-breakpoint
CREATE TRIGGER `needs_registers_version_delete` AFTER DELETE ON `needs`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'registers';
END;
--> statement-breakpoint
CREATE TRIGGER `volunteers_registers_version_insert` AFTER INSERT ON `volunteers`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'registers';
END;
--> statement-breakpoint
CREATE TRIGGER `volunteers_registers_version_update` AFTER UPDATE ON `volunteers`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'registers';
END;
--> statement-breakpoint
CREATE TRIGGER `volunteers_registers_version_delete` AFTER DELETE ON `volunteers`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'registers';
END;
--> statement-breakpoint
CREATE TRIGGER `volunteer_organisations_registers_version_insert` AFTER INSERT ON `volunteer_organisations`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'registers';
END;
--> statement-breakpoint
CREATE TRIGGER `volunteer_organisations_registers_version_update` AFTER UPDATE ON `volunteer_organisations`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'registers';
END;
--> statement-breakpoint
CREATE TRIGGER `volunteer_organisations_registers_version_delete` AFTER DELETE ON `volunteer_organisations`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'registers';
END;
