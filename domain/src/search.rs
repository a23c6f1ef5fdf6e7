//! Search that forgives how a place is typed.
//!
//! A student looking for an office types on a phone, in whichever script
//! the keyboard is in: `fes`, `Fès`, `FES` and `فاس` must all find Fès.
//! [`fold`] brings text to one comparable form:
//!
//! - Latin: lower case, accents dropped (`Fès` → `fes`, `Kelâa` → `kelaa`),
//!   ligatures spelled out (`œ` → `oe`), apostrophes separating words
//!   (`d'Imouzzer` → `d imouzzer`, so `imouzzer` finds it);
//! - Arabic: short vowels and other diacritics dropped, tatweel dropped,
//!   alef and hamza forms made plain (`أ إ آ ٱ` → `ا`, `ؤ` → `و`, `ئ ى ی`
//!   → `ي`), ta marbuta read as ha (`ة` → `ه`), the Moroccan and Persian
//!   forms of kaf made kaf (`ڭ گ ک` → `ك`);
//! - digits of any script made ASCII; punctuation made a space; runs of
//!   space collapsed.
//!
//! A [`Query`] matches a record when every word typed appears in the folded
//! text of the record's fields, in all its languages: a student may type the
//! Arabic name on the French page. The rules follow Lucene's Arabic
//! normaliser for Arabic, with the hamza forms folded too, and a Latin-1 /
//! Latin Extended-A table for the Latin letters French place names use.

use crate::text::ascii_digit;

/// The base letter of every code point from U+00C0 to U+017F, one ASCII
/// character each; a space marks the letters [`latin`] spells out in two.
const LATIN: &str = concat!(
    "aaaaaa ceeeeiiii", // U+00C0 ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ
    "dnooooo ouuuuyt ", // U+00D0 ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß
    "aaaaaa ceeeeiiii", // U+00E0 àáâãäåæçèéêëìíîï
    "dnooooo ouuuuyty", // U+00F0 ðñòóôõö÷øùúûüýþÿ
    "aaaaaaccccccccdd", // U+0100 ĀāĂăĄąĆćĈĉĊċČčĎď
    "ddeeeeeeeeeegggg", // U+0110 ĐđĒēĔĕĖėĘęĚěĜĝĞğ
    "gggghhhhiiiiiiii", // U+0120 ĠġĢģĤĥĦħĨĩĪīĬĭĮį
    "ii  jjkkklllllll", // U+0130 İıĲĳĴĵĶķĸĹĺĻļĽľĿ
    "lllnnnnnnnnnoooo", // U+0140 ŀŁłŃńŅņŇňŉŊŋŌōŎŏ
    "oo  rrrrrrssssss", // U+0150 ŐőŒœŔŕŖŗŘřŚśŜŝŞş
    "ssttttttuuuuuuuu", // U+0160 ŠšŢţŤťŦŧŨũŪūŬŭŮů
    "uuuuwwyyyzzzzzzs", // U+0170 ŰűŲųŴŵŶŷŸŹźŻżŽžſ
);

/// The ASCII letters a Latin letter with a diacritic stands for, or `None`
/// outside U+00C0..=U+017F.
fn latin(c: char) -> Option<&'static str> {
    match c {
        'Æ' | 'æ' => Some("ae"),
        'Œ' | 'œ' => Some("oe"),
        'Ĳ' | 'ĳ' => Some("ij"),
        'ß' => Some("ss"),
        '×' | '÷' => Some(" "),
        _ => {
            let index = (c as u32).checked_sub(0xC0)? as usize;
            LATIN.get(index..=index)
        }
    }
}

/// What an Arabic-block character is searched as: `None` drops it (marks,
/// tatweel), a letter stands for itself or its plain form, anything else
/// (Arabic comma, question mark…) separates words.
fn arabic(c: char) -> Option<char> {
    match c {
        // Honorific signs, harakat, tanwin, shadda, sukun, superscript
        // alef, Quranic annotation marks; tatweel.
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}' => None,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Some('ا'),
        'ؤ' => Some('و'),
        'ئ' | 'ى' | 'ی' => Some('ي'),
        'ة' => Some('ه'),
        'ڭ' | 'گ' | 'ک' => Some('ك'),
        c if c.is_alphabetic() => Some(c),
        _ => Some(' '),
    }
}

/// `text` in the form searches compare: see the module's documentation.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut push = |c: char| {
        if c != ' ' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    };
    for c in text.chars() {
        if let Some(digit) = ascii_digit(c) {
            push(digit);
        } else if c.is_ascii_alphabetic() {
            push(c.to_ascii_lowercase());
        } else if ('\u{0300}'..='\u{036F}').contains(&c) {
            // Combining accents: "Fe\u{300}s" is "Fès" decomposed.
        } else if let Some(base) = latin(c) {
            base.chars().for_each(&mut push);
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
            if let Some(letter) = arabic(c) {
                push(letter);
            }
        } else if c.is_alphanumeric() {
            c.to_lowercase().for_each(&mut push);
        } else {
            push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// What a student typed in a search box, folded and split into words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    pub fn parse(typed: &str) -> Query {
        Query {
            words: fold(typed)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    /// Nothing typed (or only punctuation): everything matches.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word typed begins a word of one of `fields` (folded
    /// here).
    pub fn matches<'a>(&self, fields: impl IntoIterator<Item = &'a str>) -> bool {
        if self.is_empty() {
            return true;
        }
        let mut haystack = String::new();
        for field in fields {
            haystack.push_str(&fold(field));
            haystack.push('\n');
        }
        self.matches_folded(&haystack)
    }

    /// Like [`Query::matches`], on text already folded (one record's
    /// fields, folded once and kept, so typing does not fold them again).
    pub fn matches_folded(&self, haystack: &str) -> bool {
        self.words.iter().all(|word| {
            haystack
                .split([' ', '\n'])
                .any(|candidate| starts_with(candidate, word))
        })
    }
}

/// The words an index of `folded` text holds so that a search finds it by
/// a range of words starting with what was typed: each word, and each
/// word after the Arabic article (`الرباط` also as `رباط`), each once.
pub fn indexed_words(folded: &str) -> std::collections::BTreeSet<&str> {
    let mut words = std::collections::BTreeSet::new();
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        words.insert(word);
        if let Some(rest) = word.strip_prefix("ال").filter(|rest| !rest.is_empty()) {
            words.insert(rest);
        }
    }
    words
}

/// Whether `word` begins `candidate`, or begins it after the Arabic article
/// (`رباط` finds `الرباط`): a search word is the start of a word, so `fes`
/// does not find "professeur".
fn starts_with(candidate: &str, word: &str) -> bool {
    candidate.starts_with(word)
        || candidate
            .strip_prefix("ال")
            .is_some_and(|rest| rest.starts_with(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(typed: &str, text: &str) -> bool {
        Query::parse(typed).matches([text])
    }

    #[test]
    fn an_index_holds_each_word_and_each_word_after_the_article() {
        let words: Vec<&str> = indexed_words(" el alaoui الرباط ال sara sara")
            .into_iter()
            .collect();
        assert_eq!(words, ["alaoui", "el", "sara", "ال", "الرباط", "رباط"]);
        // What the index finds is what a search over the text finds.
        for typed in ["ala", "رب", "الر", "sa", "el"] {
            let by_index = indexed_words(" el alaoui الرباط sara")
                .iter()
                .any(|w| w.starts_with(typed));
            assert_eq!(by_index, finds(typed, "el alaoui الرباط sara"), "{typed}");
        }
    }

    #[test]
    fn the_latin_table_has_one_letter_per_code_point() {
        assert_eq!(LATIN.len(), 0x180 - 0xC0);
        assert!(LATIN.is_ascii());
    }

    #[test]
    fn case_does_not_matter() {
        assert_eq!(fold("FES"), "fes");
        assert!(finds("RABAT", "Rabat"));
        assert!(finds("rabat", "RABAT"));
    }

    #[test]
    fn french_accents_are_dropped() {
        assert_eq!(fold("Fès"), "fes");
        assert_eq!(fold("Kénitra"), "kenitra");
        assert_eq!(fold("Meknès"), "meknes");
        assert_eq!(fold("El Kelâa des Sraghna"), "el kelaa des sraghna");
        assert_eq!(fold("Al Hoceïma"), "al hoceima");
        assert_eq!(fold("Laâyoune"), "laayoune");
        assert_eq!(fold("Salé"), "sale");
        assert_eq!(fold("Ça où ÿ"), "ca ou y");
    }

    #[test]
    fn fes_is_found_however_it_is_typed() {
        for typed in ["fes", "Fès", "FÈS", "fés", "Fe\u{0300}s", "فاس"] {
            assert!(finds(typed, "Fès فاس"), "{typed}");
        }
    }

    #[test]
    fn ligatures_are_spelled_out() {
        assert_eq!(fold("Œuvres"), "oeuvres");
        assert_eq!(fold("cæcum"), "caecum");
        assert_eq!(fold("Straße"), "strasse");
        assert!(finds(
            "oeuvres",
            "Office national des œuvres universitaires"
        ));
    }

    #[test]
    fn decomposed_accents_are_dropped() {
        assert_eq!(fold("Te\u{0301}touan"), "tetouan");
    }

    #[test]
    fn apostrophes_of_any_kind_separate_words() {
        assert_eq!(fold("M'ghila"), "m ghila");
        assert_eq!(fold("M’ghila"), "m ghila");
        assert!(finds("route d'imouzzer", "Route d’Imouzzer, km 6"));
        assert!(finds("imouzzer", "Route d’Imouzzer, km 6"));
        assert!(finds("el jadida", "Route d'El Jadida"));
    }

    #[test]
    fn punctuation_separates_words_and_spaces_collapse() {
        assert_eq!(fold("  Béni-Mellal ,  B.P.  232 "), "beni mellal b p 232");
        assert!(finds("beni mellal", "Béni-Mellal"));
    }

    #[test]
    fn arabic_short_vowels_and_shadda_are_dropped() {
        assert_eq!(fold("فَاس"), "فاس");
        assert_eq!(fold("الرِّبَاط"), "الرباط");
        assert_eq!(fold("مُحَمَّدٌ"), "محمد");
        assert!(finds("مَكْنَاس", "مكناس"));
    }

    #[test]
    fn tatweel_is_dropped() {
        assert_eq!(fold("فـــاس"), "فاس");
        assert!(finds("الربـاط", "الرباط"));
    }

    #[test]
    fn alef_variants_are_plain_alef() {
        assert_eq!(fold("أكادير"), "اكادير");
        assert_eq!(fold("إسماعيل"), "اسماعيل");
        assert_eq!(fold("آسفي"), "اسفي");
        assert_eq!(fold("ٱلرباط"), "الرباط");
        assert!(finds("اسفي", "آسفي"));
        assert!(finds("أسفي", "آسفي"));
    }

    #[test]
    fn hamza_on_waw_and_yeh_are_plain_letters() {
        assert_eq!(fold("مؤسسة"), "موسسه");
        assert_eq!(fold("رئيسية"), "رييسيه");
        assert!(finds("الرييسية", "فاس الرئيسية"));
    }

    #[test]
    fn alef_maksura_and_persian_yeh_are_yeh() {
        assert_eq!(fold("مصطفى"), "مصطفي");
        assert_eq!(fold("سلی"), "سلي");
    }

    #[test]
    fn ta_marbuta_is_read_as_ha() {
        assert!(finds("السمارة", "السماره"));
        assert!(finds("الشريعه", "كلية علوم الشريعة"));
    }

    #[test]
    fn moroccan_gaf_is_kaf() {
        assert_eq!(fold("أڭادير"), "اكادير");
        assert!(finds("اگادير", "أكادير"));
    }

    #[test]
    fn arabic_punctuation_separates_words() {
        assert_eq!(
            fold("شارع علال الفاسي، ص.ب 6221"),
            "شارع علال الفاسي ص ب 6221"
        );
        assert_eq!(fold("؟؛"), "");
    }

    #[test]
    fn arabic_indic_digits_are_ascii() {
        assert_eq!(fold("ص.ب ٦٢٢١"), "ص ب 6221");
        assert!(finds("٢٣٨٥", "B.P. 2385"));
        assert!(finds("۷۷۵", "ص.ب 775"));
    }

    #[test]
    fn every_word_must_appear_somewhere() {
        let fields = [
            "Fès",
            "Cité universitaire Saïss I",
            "Route d'Imouzzer, km 6",
        ];
        assert!(Query::parse("fes saiss").matches(fields));
        assert!(Query::parse("saiss fes").matches(fields));
        assert!(!Query::parse("fes dhar").matches(fields));
    }

    #[test]
    fn words_match_the_start_of_words() {
        assert!(finds("rab", "Rabat"));
        assert!(finds("jad", "El Jadida"));
        assert!(!finds("abat", "Rabat"));
        assert!(!finds("fes", "Professeur"));
    }

    #[test]
    fn the_arabic_article_may_be_left_out() {
        assert!(finds("رباط", "الرباط"));
        assert!(finds("الرباط", "الرباط"));
        assert!(!finds("باط", "الرباط"));
    }

    #[test]
    fn an_empty_query_matches_everything() {
        assert!(Query::parse("").is_empty());
        assert!(Query::parse("  ,، ").is_empty());
        assert!(Query::parse(" ").matches(["anything"]));
    }

    #[test]
    fn scripts_do_not_mix_by_accident() {
        assert!(!finds("فاس", "Fès"));
        assert!(!finds("fes", "فاس"));
        assert!(!finds("rabat", "Casablanca"));
    }

    #[test]
    fn other_scripts_are_lower_cased_and_kept() {
        assert_eq!(fold("ΑΘΗΝΑ"), "αθηνα");
        assert_eq!(fold("ⵔⴱⴰⵟ"), "ⵔⴱⴰⵟ");
    }

    #[test]
    fn emoji_and_symbols_separate_words() {
        assert_eq!(fold("fès🙂rabat"), "fes rabat");
    }
}
