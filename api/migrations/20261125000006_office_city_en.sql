-- Offices get the usual English name of their city (Fez, Marrakesh,
-- Tangier): an English page shows it and a search for "Fez" finds Fès.
-- The seed fills it at start-up; the default only covers the moment
-- between this migration and the seed, in the same start-up.
ALTER TABLE offices ADD COLUMN city_en TEXT NOT NULL DEFAULT '';
