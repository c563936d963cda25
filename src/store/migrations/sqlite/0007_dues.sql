-- League dues (团费): standards by effective date, each member's category and wage, payments
-- with the months they cover (refunds and corrections are new rows, never edits), and each
-- org's remittances to the level above.

ALTER TABLE members ADD COLUMN dues_category TEXT;
ALTER TABLE members ADD COLUMN wage_fen INTEGER;

CREATE TABLE dues_standards (
  effective_from         TEXT PRIMARY KEY,
  student_fen            INTEGER NOT NULL,
  no_income_fen          INTEGER NOT NULL,
  farmer_fen             INTEGER NOT NULL,
  low_wage_fen           INTEGER NOT NULL,
  wage_threshold_fen     INTEGER NOT NULL,
  wage_per_mille         INTEGER NOT NULL,
  max_fen                INTEGER NOT NULL,
  start_offset_months    INTEGER NOT NULL,
  branch_keep_percent    INTEGER NOT NULL,
  committee_keep_percent INTEGER NOT NULL,
  created_at             TEXT NOT NULL,
  created_by             TEXT NOT NULL
);

CREATE TABLE dues_payments (
  id         INTEGER PRIMARY KEY,
  member_id  INTEGER NOT NULL REFERENCES members(id),
  org_id     INTEGER NOT NULL REFERENCES orgs(id),
  kind       TEXT NOT NULL,
  paid_on    TEXT NOT NULL,
  method     TEXT NOT NULL,
  receipt_no TEXT NOT NULL DEFAULT '',
  amount_fen INTEGER NOT NULL,
  months     INTEGER NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX dues_payments_member ON dues_payments(member_id);
CREATE INDEX dues_payments_org ON dues_payments(org_id, paid_on);

-- The months a payment (or refund, negative) covers.
CREATE TABLE dues_allocations (
  payment_id INTEGER NOT NULL REFERENCES dues_payments(id),
  member_id  INTEGER NOT NULL REFERENCES members(id),
  month      INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  PRIMARY KEY (payment_id, month)
);
CREATE INDEX dues_allocations_member ON dues_allocations(member_id, month);

CREATE TABLE dues_remittances (
  id            INTEGER PRIMARY KEY,
  org_id        INTEGER NOT NULL REFERENCES orgs(id),
  from_month    INTEGER NOT NULL,
  to_month      INTEGER NOT NULL,
  collected_fen INTEGER NOT NULL,
  received_fen  INTEGER NOT NULL,
  kept_fen      INTEGER NOT NULL,
  remitted_fen  INTEGER NOT NULL,
  keep_percent  INTEGER NOT NULL,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  UNIQUE (org_id, from_month, to_month)
);
