-- Every member-scale row carries its province: the top org's child its org lies under, or the
-- top org's own id for rows of the top org itself. PostgreSQL partitions the tables that grow
-- with members by it (see that migration and docs/scaling.md); SQLite carries the same columns,
-- so the same statements run on both and a province-scoped query filters the same way.
--
-- Which province a row belongs to:
--   members            their org's
--   member_history     the member's (moves with the member)
--   study_checkins     the org it was recorded in
--   dues_payments      the org it was recorded in
--   dues_allocations   its payment's
--   activity_attendance the activity's org's

ALTER TABLE orgs ADD COLUMN province_id INTEGER;
UPDATE orgs SET province_id = CASE WHEN depth = 0 THEN id ELSE CAST(substr(
  substr(path, instr(substr(path, 2), '/') + 2), 1,
  instr(substr(path, instr(substr(path, 2), '/') + 2), '/') - 1) AS INTEGER) END;

ALTER TABLE members ADD COLUMN province_id INTEGER;
UPDATE members SET province_id = (SELECT o.province_id FROM orgs o WHERE o.id = members.org_id);

ALTER TABLE member_history ADD COLUMN province_id INTEGER;
UPDATE member_history SET province_id =
  (SELECT m.province_id FROM members m WHERE m.id = member_history.member_id);

ALTER TABLE study_checkins ADD COLUMN province_id INTEGER;
UPDATE study_checkins SET province_id = (SELECT o.province_id FROM orgs o WHERE o.id = study_checkins.org_id);

ALTER TABLE dues_payments ADD COLUMN province_id INTEGER;
UPDATE dues_payments SET province_id = (SELECT o.province_id FROM orgs o WHERE o.id = dues_payments.org_id);

ALTER TABLE dues_allocations ADD COLUMN province_id INTEGER;
UPDATE dues_allocations SET province_id =
  (SELECT p.province_id FROM dues_payments p WHERE p.id = dues_allocations.payment_id);

ALTER TABLE activity_attendance ADD COLUMN province_id INTEGER;
UPDATE activity_attendance SET province_id = (SELECT o.province_id FROM activities a
  JOIN orgs o ON o.id = a.org_id WHERE a.id = activity_attendance.activity_id);

-- PostgreSQL keeps a member's country-wide keys in a table of their own (its members table is
-- partitioned); here members holds them, and the same name reads them.
CREATE VIEW member_keys AS SELECT id, province_id, id_number_hash, member_no FROM members;
