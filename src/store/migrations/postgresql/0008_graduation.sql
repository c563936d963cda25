-- School branches carry their class's graduation date (for the graduate hand-off); branches may
-- serve a purpose: the hand-off branch of a town (学社衔接), the army registry, members abroad.

ALTER TABLE orgs ADD COLUMN graduation_date DATE;
ALTER TABLE orgs ADD COLUMN purpose TEXT NOT NULL DEFAULT 'regular';
