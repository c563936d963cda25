-- A member's dues category and wage from a month on, so a change does not re-price the months
-- before it.

CREATE TABLE dues_profiles (
  member_id  BIGINT NOT NULL REFERENCES members(id),
  from_month INTEGER NOT NULL,
  category   TEXT,
  wage_fen   BIGINT,
  created_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (member_id, from_month)
);

-- Categories and wages set before this table existed apply from the beginning.
INSERT INTO dues_profiles (member_id, from_month, category, wage_fen, created_at, created_by)
  SELECT id, 0, dues_category, wage_fen, updated_at, 'migration' FROM members
  WHERE dues_category IS NOT NULL OR wage_fen IS NOT NULL;
