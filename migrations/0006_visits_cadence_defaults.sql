-- The seed's cadence defaults (fully disabled daily, partly disabled every 2 days, self-caring weekly).
INSERT INTO `cadence_rules` (`care_level`, `interval_days`, `updated_at`) VALUES ('full', 1, 0), ('partial', 2, 0), ('self', 7, 0) ON CONFLICT DO NOTHING;
