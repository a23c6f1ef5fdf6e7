-- The words of each declaration's folded name (amoe_domain::search::
-- indexed_words: each word, and each word after the Arabic article): a
-- search by name reads, for each word typed, the range of words that start
-- with it. Written by the API with each declaration and correction; goes
-- with its declaration. SQLite compares the words byte by byte. With the
-- declaration's receipt time beside each word, in the table's own order
-- (WITHOUT ROWID), the newest declarations of a name are found without
-- reading the declarations that are not shown.
CREATE TABLE declaration_words (
    word TEXT NOT NULL,
    reference TEXT NOT NULL REFERENCES declarations (reference) ON DELETE CASCADE,
    received_at TEXT NOT NULL,
    PRIMARY KEY (word, reference)
) WITHOUT ROWID;

CREATE INDEX declaration_words_reference ON declaration_words (reference);

-- The words of the declarations stored so far.
WITH RECURSIVE split(reference, received_at, rest, word) AS (
    SELECT reference, received_at, name_folded || ' ', '' FROM declarations
    UNION ALL
    SELECT reference, received_at, substr(rest, instr(rest, ' ') + 1),
        substr(rest, 1, instr(rest, ' ') - 1)
    FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO declaration_words (word, reference, received_at)
SELECT word, reference, received_at FROM split WHERE word <> ''
UNION ALL
SELECT substr(word, 3), reference, received_at FROM split
WHERE substr(word, 1, 2) = 'ال' AND length(word) > 2;
