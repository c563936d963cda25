-- Youth Study (青年大学习): seasons and weekly episodes kept by the top committee, and each
-- member's participation in an episode (once, in the org they belonged to then).

CREATE TABLE study_seasons (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE study_episodes (
  id           INTEGER PRIMARY KEY,
  season_id    INTEGER NOT NULL REFERENCES study_seasons(id),
  title        TEXT NOT NULL,
  release_date TEXT NOT NULL,
  closing_date TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL
);
CREATE INDEX study_episodes_release ON study_episodes(release_date);

CREATE TABLE study_checkins (
  episode_id  INTEGER NOT NULL REFERENCES study_episodes(id),
  member_id   INTEGER NOT NULL REFERENCES members(id),
  org_id      INTEGER NOT NULL REFERENCES orgs(id),
  checked_at  TEXT NOT NULL,
  source      TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (episode_id, member_id)
);
CREATE INDEX study_checkins_org ON study_checkins(episode_id, org_id);
CREATE INDEX study_checkins_member ON study_checkins(member_id);
