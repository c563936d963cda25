-- Foundation: orgs, accounts, sessions, the hash-chained audit log.

CREATE TABLE orgs (
  id           INTEGER PRIMARY KEY,
  parent_id    INTEGER REFERENCES orgs(id),
  name         TEXT NOT NULL,
  short_name   TEXT,
  type         TEXT NOT NULL,
  sector       TEXT NOT NULL,
  school_stage TEXT,
  code         TEXT NOT NULL UNIQUE,
  status       TEXT NOT NULL DEFAULT 'active',
  -- materialized path of ids, "/1/5/23/": a subtree is a range of paths
  path         TEXT NOT NULL,
  depth        INTEGER NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  closed_at    TEXT
);
CREATE INDEX orgs_parent ON orgs(parent_id);
CREATE INDEX orgs_path ON orgs(path);

CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE,
  display_name         TEXT NOT NULL,
  org_id               INTEGER NOT NULL REFERENCES orgs(id),
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  status               TEXT NOT NULL DEFAULT 'active',
  failed_logins        INTEGER NOT NULL DEFAULT 0,
  locked_until         TEXT,
  password_changed_at  TEXT,
  last_login_at        TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX users_org ON users(org_id);

CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id),
  role    TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
  id             INTEGER PRIMARY KEY,
  token_hash     TEXT NOT NULL UNIQUE,
  user_id        INTEGER NOT NULL REFERENCES users(id),
  csrf_token     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  last_seen_at   TEXT NOT NULL,
  expires_at     TEXT NOT NULL,
  client_address TEXT,
  user_agent     TEXT,
  revoked_at     TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Append-only; each row carries the hash of the previous one (see domain/audit).
CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  at             TEXT NOT NULL,
  actor_id       INTEGER,
  actor_username TEXT,
  action         TEXT NOT NULL,
  object_type    TEXT,
  object_id      INTEGER,
  org_id         INTEGER,
  summary        TEXT NOT NULL,
  client_address TEXT,
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL
);
CREATE INDEX audit_log_org ON audit_log(org_id);
CREATE INDEX audit_log_at ON audit_log(at);

-- The chain's head: updating it serializes appends.
CREATE TABLE audit_head (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  last_id   INTEGER NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
