-- Counters kept by the database itself (decision 0247), moved in the same transaction as any insert, update or
-- delete, by the app, another instance or the CLI: `registers` by recipients, needs, volunteers and the
-- organisations volunteers serve (what the dashboard's cards count), `places` by organisations and townships (the
-- names filters and forms list). A copy kept by a counter's value can never be older than the data.
CREATE TABLE `data_versions` (
	`name` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);--> statement-breakpoint
INSERT INTO `data_versions` (`name`, `version`) VALUES ('registers', 0), ('places', 0);
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
--> statement-breakpoint
CREATE TRIGGER `organisations_places_version_insert` AFTER INSERT ON `organisations`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'places';
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_places_version_update` AFTER UPDATE ON `organisations`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'places';
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_places_version_delete` AFTER DELETE ON `organisations`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'places';
END;
--> statement-breakpoint
CREATE TRIGGER `townships_places_version_insert` AFTER INSERT ON `townships`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'places';
END;
--> statement-breakpoint
CREATE TRIGGER `townships_places_version_update` AFTER UPDATE ON `townships`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'places';
END;
--> statement-breakpoint
CREATE TRIGGER `townships_places_version_delete` AFTER DELETE ON `townships`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'places';
END;
