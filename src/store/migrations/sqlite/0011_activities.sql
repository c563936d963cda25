-- Organizational life (三会两制一课): meetings, league classes and themed days with their
-- attendance, the yearly topic lists committees keep, branches' monthly reports, and the
-- compliance settings of the year's rules.

ALTER TABLE rule_sets ADD COLUMN min_general_meetings_per_quarter INTEGER NOT NULL DEFAULT 1;
ALTER TABLE rule_sets ADD COLUMN min_committee_meetings_per_month INTEGER NOT NULL DEFAULT 1;
ALTER TABLE rule_sets ADD COLUMN min_classes_per_quarter INTEGER NOT NULL DEFAULT 1;

CREATE TABLE activity_topics (
  id         INTEGER PRIMARY KEY,
  org_id     INTEGER NOT NULL REFERENCES orgs(id),
  year       INTEGER NOT NULL,
  title      TEXT NOT NULL,
  required   INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX activity_topics_year ON activity_topics(year, org_id);

CREATE TABLE activities (
  id               INTEGER PRIMARY KEY,
  org_id           INTEGER NOT NULL REFERENCES orgs(id),
  kind             TEXT NOT NULL,
  held_on          TEXT NOT NULL,
  month            INTEGER NOT NULL,
  place            TEXT NOT NULL DEFAULT '',
  topic            TEXT NOT NULL,
  topic_id         INTEGER REFERENCES activity_topics(id),
  class_half_hours INTEGER NOT NULL DEFAULT 0,
  teacher          TEXT NOT NULL DEFAULT '',
  summary          TEXT NOT NULL DEFAULT '',
  guests           TEXT NOT NULL DEFAULT '[]',
  participants     INTEGER NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX activities_org_month ON activities(org_id, month, kind);
CREATE INDEX activities_month ON activities(month, kind);

-- Members of the org present, on leave or absent; applicants who attended a class.
CREATE TABLE activity_attendance (
  activity_id  INTEGER NOT NULL REFERENCES activities(id),
  member_id    INTEGER NOT NULL REFERENCES members(id),
  status       TEXT NOT NULL,
  PRIMARY KEY (activity_id, member_id)
);
CREATE INDEX activity_attendance_member ON activity_attendance(member_id);

CREATE TABLE activity_applicants (
  activity_id  INTEGER NOT NULL REFERENCES activities(id),
  applicant_id INTEGER NOT NULL REFERENCES applicants(id),
  PRIMARY KEY (activity_id, applicant_id)
);

-- Class hours credited from a class's attendance point back to it.
ALTER TABLE applicant_class_hours ADD COLUMN activity_id INTEGER REFERENCES activities(id);

CREATE TABLE activity_reports (
  id           INTEGER PRIMARY KEY,
  org_id       INTEGER NOT NULL REFERENCES orgs(id),
  month        INTEGER NOT NULL,
  state        TEXT NOT NULL,
  counts       TEXT NOT NULL,
  participants INTEGER NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  comment      TEXT NOT NULL DEFAULT '',
  submitted_at TEXT NOT NULL,
  submitted_by TEXT NOT NULL,
  reviewed_at  TEXT,
  reviewed_by  TEXT,
  UNIQUE (org_id, month)
);
CREATE INDEX activity_reports_state ON activity_reports(state, month);
