-- Places taken and waiting on each shift, kept in step with shift_signups by the database itself (decision 0046):
-- every insert, status change or delete of a sign-up adjusts the counts inside the same statement's transaction.
CREATE TRIGGER shift_signups_count_insert AFTER INSERT ON shift_signups
BEGIN
  UPDATE shifts SET confirmed_count = confirmed_count + (NEW.status = 'confirmed'), waitlisted_count = waitlisted_count + (NEW.status = 'waitlisted')
  WHERE id = NEW.shift_id;
END;
--> statement-breakpoint
CREATE TRIGGER shift_signups_count_update AFTER UPDATE OF status, shift_id ON shift_signups
BEGIN
  UPDATE shifts SET confirmed_count = confirmed_count - (OLD.status = 'confirmed'), waitlisted_count = waitlisted_count - (OLD.status = 'waitlisted')
  WHERE id = OLD.shift_id;
  UPDATE shifts SET confirmed_count = confirmed_count + (NEW.status = 'confirmed'), waitlisted_count = waitlisted_count + (NEW.status = 'waitlisted')
  WHERE id = NEW.shift_id;
END;
--> statement-breakpoint
CREATE TRIGGER shift_signups_count_delete AFTER DELETE ON shift_signups
BEGIN
  UPDATE shifts SET confirmed_count = confirmed_count - (OLD.status = 'confirmed'), waitlisted_count = waitlisted_count - (OLD.status = 'waitlisted')
  WHERE id = OLD.shift_id;
END;
--> statement-breakpoint
UPDATE shifts SET
  confirmed_count = (SELECT count(*) FROM shift_signups s WHERE s.shift_id = shifts.id AND s.status = 'confirmed'),
  waitlisted_count = (SELECT count(*) FROM shift_signups s WHERE s.shift_id = shifts.id AND s.status = 'waitlisted');
