-- Registry: members (with sealed personal numbers), their history, cadres.

CREATE TABLE members (
  id               INTEGER PRIMARY KEY,
  org_id           INTEGER NOT NULL REFERENCES orgs(id),
  member_no        TEXT UNIQUE,
  name             TEXT NOT NULL,
  gender           TEXT NOT NULL,
  ethnicity        TEXT NOT NULL,
  birth_date       TEXT NOT NULL,
  join_date        TEXT NOT NULL,
  -- ID and phone numbers: sealed (secretbox, "<key id>:<base64>") and a keyed lookup hash
  id_number_sealed TEXT NOT NULL,
  id_number_hash   TEXT NOT NULL UNIQUE,
  phone_sealed     TEXT,
  phone_hash       TEXT,
  education        TEXT NOT NULL,
  occupation       TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'active',
  status_date      TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX members_org ON members(org_id);
CREATE INDEX members_status ON members(status);
CREATE INDEX members_birth ON members(birth_date);
CREATE INDEX members_phone ON members(phone_hash);
CREATE INDEX members_name ON members(name);

-- Every change to a member: who, when, what, why.
CREATE TABLE member_history (
  id             INTEGER PRIMARY KEY,
  member_id      INTEGER NOT NULL REFERENCES members(id),
  at             TEXT NOT NULL,
  actor_id       INTEGER,
  actor_username TEXT NOT NULL,
  kind           TEXT NOT NULL,
  changes        TEXT NOT NULL,
  status_from    TEXT,
  status_to      TEXT,
  effective_date TEXT,
  reason         TEXT
);
CREATE INDEX member_history_member ON member_history(member_id);

CREATE TABLE cadres (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER REFERENCES members(id),
  name        TEXT NOT NULL,
  org_id      INTEGER NOT NULL REFERENCES orgs(id),
  post        TEXT NOT NULL,
  post_title  TEXT,
  term_start  TEXT NOT NULL,
  term_end    TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX cadres_member ON cadres(member_id);
CREATE INDEX cadres_org ON cadres(org_id);
