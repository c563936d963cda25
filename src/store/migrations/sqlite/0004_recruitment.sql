-- Recruitment (发展团员): files with their steps, people and class hours; graduating-cohort
-- sizes for the quotas; member number ranges.

CREATE TABLE applicants (
  id               INTEGER PRIMARY KEY,
  org_id           INTEGER NOT NULL REFERENCES orgs(id),
  name             TEXT NOT NULL,
  gender           TEXT NOT NULL,
  ethnicity        TEXT NOT NULL,
  birth_date       TEXT NOT NULL,
  id_number_sealed TEXT NOT NULL,
  id_number_hash   TEXT NOT NULL,
  phone_sealed     TEXT,
  phone_hash       TEXT,
  education        TEXT NOT NULL,
  occupation       TEXT NOT NULL,
  school_stage     TEXT,
  graduating_year  INTEGER,
  applied_on       TEXT NOT NULL,
  talk_on          TEXT,
  talk_note        TEXT NOT NULL DEFAULT '',
  stage            TEXT NOT NULL,
  stage_date       TEXT NOT NULL,
  activist_since   TEXT,
  candidate_on     TEXT,
  voted_on         TEXT,
  approved_on      TEXT,
  admitted_on      TEXT,
  member_id        INTEGER REFERENCES members(id),
  member_no        TEXT,
  quota_org_id     INTEGER REFERENCES orgs(id),
  end_reason       TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX applicants_org ON applicants(org_id);
CREATE INDEX applicants_stage ON applicants(stage);
-- One open file a person.
CREATE UNIQUE INDEX applicants_open_id ON applicants(id_number_hash)
  WHERE stage NOT IN ('admitted', 'rejected', 'withdrawn');
CREATE INDEX applicants_quota ON applicants(quota_org_id, graduating_year);

-- Sponsors (培养联系人) and introducers (入团介绍人).
CREATE TABLE applicant_people (
  applicant_id INTEGER NOT NULL REFERENCES applicants(id),
  role         TEXT NOT NULL,
  member_id    INTEGER NOT NULL REFERENCES members(id),
  PRIMARY KEY (applicant_id, role, member_id)
);

CREATE TABLE applicant_class_hours (
  id           INTEGER PRIMARY KEY,
  applicant_id INTEGER NOT NULL REFERENCES applicants(id),
  date         TEXT NOT NULL,
  half_hours   INTEGER NOT NULL,
  topic        TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL
);
CREATE INDEX applicant_class_hours_applicant ON applicant_class_hours(applicant_id);

-- The file's timeline: every step with its date, actor, data and the rule version used.
CREATE TABLE applicant_events (
  id             INTEGER PRIMARY KEY,
  applicant_id   INTEGER NOT NULL REFERENCES applicants(id),
  at             TEXT NOT NULL,
  actor_id       INTEGER,
  actor_username TEXT NOT NULL,
  kind           TEXT NOT NULL,
  stage_from     TEXT,
  stage_to       TEXT,
  effective_date TEXT,
  data           TEXT NOT NULL,
  rule_year      INTEGER,
  rule_version   INTEGER
);
CREATE INDEX applicant_events_applicant ON applicant_events(applicant_id);

-- Students in a school's graduating cohort, entered by staff.
CREATE TABLE cohorts (
  org_id          INTEGER NOT NULL REFERENCES orgs(id),
  graduating_year INTEGER NOT NULL,
  students        INTEGER NOT NULL,
  members_before  INTEGER NOT NULL,
  updated_at      TEXT NOT NULL,
  updated_by      TEXT NOT NULL,
  PRIMARY KEY (org_id, graduating_year)
);

CREATE TABLE number_ranges (
  id           INTEGER PRIMARY KEY,
  org_id       INTEGER NOT NULL REFERENCES orgs(id),
  year         INTEGER NOT NULL,
  serial_width INTEGER NOT NULL,
  first_serial INTEGER NOT NULL,
  last_serial  INTEGER NOT NULL,
  next_serial  INTEGER NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL
);
CREATE INDEX number_ranges_year ON number_ranges(year, org_id);
