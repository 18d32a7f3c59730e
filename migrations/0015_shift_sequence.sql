ALTER TABLE `shifts` ADD `sequence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-written (decision 0084): every change of what a calendar shows raises SEQUENCE in the same statement,
-- whichever code path made it. SQLite's recursive_triggers is off, so the inner UPDATE does not fire this again.
CREATE TRIGGER `shifts_sequence_on_change` AFTER UPDATE OF `starts_at`, `ends_at`, `place`, `title`, `status` ON `shifts`
WHEN OLD.`starts_at` IS NOT NEW.`starts_at` OR OLD.`ends_at` IS NOT NEW.`ends_at` OR OLD.`place` IS NOT NEW.`place`
  OR OLD.`title` IS NOT NEW.`title` OR OLD.`status` IS NOT NEW.`status`
BEGIN
  UPDATE `shifts` SET `sequence` = OLD.`sequence` + 1 WHERE `id` = NEW.`id`;
END;
