-- The year's League rules, one row a version (decisions record the version they used).

CREATE TABLE rule_sets (
  year                    INTEGER NOT NULL,
  version                 INTEGER NOT NULL,
  min_class_half_hours    INTEGER NOT NULL,
  min_activist_months     INTEGER NOT NULL,
  min_age                 INTEGER NOT NULL,
  max_age                 INTEGER NOT NULL,
  junior_high_cap_percent INTEGER NOT NULL,
  senior_high_cap_percent INTEGER NOT NULL,
  excellent_cap_percent   INTEGER NOT NULL,
  evaluation_quorum_num   INTEGER NOT NULL,
  evaluation_quorum_den   INTEGER NOT NULL,
  min_classes_per_year    INTEGER NOT NULL,
  created_at              TEXT NOT NULL,
  created_by              TEXT NOT NULL,
  PRIMARY KEY (year, version)
);
