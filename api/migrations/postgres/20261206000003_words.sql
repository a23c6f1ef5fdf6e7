-- The words of each declaration's folded name (amoe_domain::search::
-- indexed_words: each word, and each word after the Arabic article): a
-- search by name reads, for each word typed, the range of words that start
-- with it. Written by the API with each declaration and correction; goes
-- with its declaration. The "C" collation compares them byte by byte, as
-- SQLite does, so that a range of words that start with a prefix is one
-- range of the index whatever the database's own collation. With the
-- declaration's receipt time in the index, the newest declarations of a
-- name are found by an index-only scan.
CREATE TABLE declaration_words (
    word TEXT COLLATE "C" NOT NULL,
    reference TEXT NOT NULL REFERENCES declarations (reference) ON DELETE CASCADE,
    received_at TEXT NOT NULL,
    PRIMARY KEY (word, reference) INCLUDE (received_at)
);

CREATE INDEX declaration_words_reference ON declaration_words (reference);

-- The words of the declarations stored so far.
INSERT INTO declaration_words (word, reference, received_at)
SELECT w, reference, received_at
FROM declarations, regexp_split_to_table(name_folded, ' ') AS w
WHERE w <> ''
UNION
SELECT substr(w, 3), reference, received_at
FROM declarations, regexp_split_to_table(name_folded, ' ') AS w
WHERE substr(w, 1, 2) = 'ال' AND length(w) > 2
ON CONFLICT DO NOTHING;
