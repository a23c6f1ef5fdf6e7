-- The words of each declaration's folded name (amoe_domain::search::
-- indexed_words: each word, and each word after the Arabic article): a
-- search by name reads, for each word typed, the range of words that start
-- with it. Written by the API with each declaration and correction; goes
-- with its declaration. SQLite compares the words byte by byte.
CREATE TABLE declaration_words (
    word TEXT NOT NULL,
    reference TEXT NOT NULL REFERENCES declarations (reference) ON DELETE CASCADE,
    PRIMARY KEY (word, reference)
);

CREATE INDEX declaration_words_reference ON declaration_words (reference);

-- The words of the declarations stored so far.
WITH RECURSIVE split(reference, rest, word) AS (
    SELECT reference, name_folded || ' ', '' FROM declarations
    UNION ALL
    SELECT reference, substr(rest, instr(rest, ' ') + 1), substr(rest, 1, instr(rest, ' ') - 1)
    FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO declaration_words (word, reference)
SELECT word, reference FROM split WHERE word <> ''
UNION ALL
SELECT substr(word, 3), reference FROM split WHERE substr(word, 1, 2) = 'ال' AND length(word) > 2;
