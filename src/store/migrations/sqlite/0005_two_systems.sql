-- The two systems (两制): annual evaluation of each branch's members and annual registration;
-- and Party recommendation (推优入党).

CREATE TABLE evaluations (
  id             INTEGER PRIMARY KEY,
  org_id         INTEGER NOT NULL REFERENCES orgs(id),
  year           INTEGER NOT NULL,
  status         TEXT NOT NULL,
  meeting_date   TEXT,
  rule_year      INTEGER,
  rule_version   INTEGER,
  submitted_at   TEXT,
  submitted_by   TEXT,
  approved_at    TEXT,
  approved_by    TEXT,
  returned_note  TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (org_id, year)
);
CREATE INDEX evaluations_year ON evaluations(year);

CREATE TABLE evaluation_entries (
  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
  member_id     INTEGER NOT NULL REFERENCES members(id),
  present       INTEGER NOT NULL DEFAULT 0,
  grade         TEXT,
  PRIMARY KEY (evaluation_id, member_id)
);
CREATE INDEX evaluation_entries_member ON evaluation_entries(member_id);

CREATE TABLE registration_campaigns (
  year       INTEGER PRIMARY KEY,
  opens_on   TEXT NOT NULL,
  deadline   TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE registrations (
  member_id     INTEGER NOT NULL REFERENCES members(id),
  year          INTEGER NOT NULL,
  org_id        INTEGER NOT NULL REFERENCES orgs(id),
  registered_on TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (member_id, year)
);
CREATE INDEX registrations_year ON registrations(year, org_id);

CREATE TABLE party_recommendations (
  id               INTEGER PRIMARY KEY,
  member_id        INTEGER NOT NULL REFERENCES members(id),
  org_id           INTEGER NOT NULL REFERENCES orgs(id),
  year             INTEGER NOT NULL,
  party_applied_on TEXT NOT NULL,
  stage            TEXT NOT NULL,
  nominated_on     TEXT NOT NULL,
  reason           TEXT NOT NULL DEFAULT '',
  voted_on         TEXT,
  eligible         INTEGER,
  present          INTEGER,
  yes              INTEGER,
  reviewed_on      TEXT,
  rank             INTEGER,
  note             TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX party_recommendations_member ON party_recommendations(member_id);
CREATE INDEX party_recommendations_year ON party_recommendations(year, org_id);
-- One open recommendation a member.
CREATE UNIQUE INDEX party_recommendations_open ON party_recommendations(member_id)
  WHERE stage IN ('nominated', 'recommended');
