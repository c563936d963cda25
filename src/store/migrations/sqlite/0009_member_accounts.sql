-- A member's own account (role member) is linked to their member record, for self-service.

ALTER TABLE users ADD COLUMN member_id INTEGER REFERENCES members(id);
CREATE UNIQUE INDEX users_member ON users(member_id) WHERE member_id IS NOT NULL;
