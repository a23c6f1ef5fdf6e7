-- Reference data from the leaflet: the 12 universities and the 34 ONOUSC
-- offices. Portable SQL: the same file migrates SQLite and PostgreSQL.
CREATE TABLE universities (
    id TEXT PRIMARY KEY,
    position BIGINT NOT NULL,
    name_ar TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_en TEXT NOT NULL,
    city_ar TEXT NOT NULL,
    city_fr TEXT NOT NULL,
    city_en TEXT NOT NULL,
    platform_url TEXT NOT NULL
);

CREATE TABLE offices (
    id TEXT PRIMARY KEY,
    position BIGINT NOT NULL,
    university_id TEXT NOT NULL REFERENCES universities (id),
    city_ar TEXT NOT NULL,
    city_fr TEXT NOT NULL,
    place_ar TEXT NOT NULL,
    place_fr TEXT NOT NULL,
    address_ar TEXT NOT NULL,
    address_fr TEXT NOT NULL
);

CREATE INDEX offices_university_id ON offices (university_id);
