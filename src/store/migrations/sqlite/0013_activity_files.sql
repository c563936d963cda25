-- Photos and documents of an activity (at most 5 MiB each), kept in the database as base64 so
-- they commit, back up and restore with the record they belong to.

CREATE TABLE activity_files (
  id           INTEGER PRIMARY KEY,
  activity_id  INTEGER NOT NULL REFERENCES activities(id),
  name         TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  data         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL
);
CREATE INDEX activity_files_activity ON activity_files(activity_id);
