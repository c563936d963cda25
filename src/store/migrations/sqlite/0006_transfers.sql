-- Transfers of members between orgs (组织关系转接), with their trail.

CREATE TABLE transfers (
  id                   INTEGER PRIMARY KEY,
  member_id            INTEGER NOT NULL REFERENCES members(id),
  kind                 TEXT NOT NULL,
  reason               TEXT NOT NULL,
  note                 TEXT NOT NULL DEFAULT '',
  from_org_id          INTEGER NOT NULL REFERENCES orgs(id),
  to_org_id            INTEGER REFERENCES orgs(id),
  external_name        TEXT,
  external_code        TEXT,
  state                TEXT NOT NULL,
  started_side         TEXT NOT NULL,
  started_on           TEXT NOT NULL,
  due_on               TEXT NOT NULL,
  sending_committee_id INTEGER REFERENCES orgs(id),
  committee_needed     INTEGER NOT NULL DEFAULT 0,
  branch_approved      INTEGER NOT NULL DEFAULT 0,
  committee_approved   INTEGER NOT NULL DEFAULT 0,
  placed_org_id        INTEGER REFERENCES orgs(id),
  completed_on         TEXT,
  end_reason           TEXT NOT NULL DEFAULT '',
  created_at           TEXT NOT NULL,
  created_by           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX transfers_from ON transfers(from_org_id, state);
CREATE INDEX transfers_to ON transfers(to_org_id, state);
CREATE INDEX transfers_due ON transfers(state, due_on);
-- A member has at most one open transfer.
CREATE UNIQUE INDEX transfers_open_member ON transfers(member_id)
  WHERE state IN ('pending_out', 'pending_in');

CREATE TABLE transfer_events (
  id             INTEGER PRIMARY KEY,
  transfer_id    INTEGER NOT NULL REFERENCES transfers(id),
  at             TEXT NOT NULL,
  actor_id       INTEGER,
  actor_username TEXT NOT NULL,
  action         TEXT NOT NULL,
  state_from     TEXT,
  state_to       TEXT NOT NULL,
  note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX transfer_events_transfer ON transfer_events(transfer_id);
