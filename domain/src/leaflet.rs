//! Reference data from the official leaflet: the 12 public universities and
//! their declaration platforms, and the 34 ONOUSC reception offices where
//! sickness claim files are handed in.
//!
//! The project carries its own copy of the data under `domain/seed/`, so the
//! server seeds its database without anything outside this repository.

use crate::Lang;
use crate::search::Query;
use serde::{Deserialize, Serialize};

/// A public university, named in the three languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct University {
    /// Short stable identifier, e.g. `um5`.
    pub id: String,
    pub name_ar: String,
    pub name_fr: String,
    pub name_en: String,
    pub city_ar: String,
    pub city_fr: String,
    pub city_en: String,
    /// The address of the university's own platform, exactly as printed in
    /// the leaflet: not always a full URL.
    pub platform_url: String,
}

impl University {
    pub fn name(&self, lang: Lang) -> &str {
        pick(lang, &self.name_ar, &self.name_fr, &self.name_en)
    }

    pub fn city(&self, lang: Lang) -> &str {
        pick(lang, &self.city_ar, &self.city_fr, &self.city_en)
    }
}

/// An ONOUSC reception office. The leaflet prints it in Arabic; the French
/// text is a transliteration, also used in English but for the city, which
/// has its usual English name (Fez, Marrakesh, Tangier).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Office {
    pub id: String,
    /// The university that serves the office's city (inferred, not printed).
    pub university_id: String,
    pub city_ar: String,
    pub city_fr: String,
    pub city_en: String,
    pub place_ar: String,
    pub place_fr: String,
    pub address_ar: String,
    pub address_fr: String,
}

impl Office {
    pub fn city(&self, lang: Lang) -> &str {
        pick(lang, &self.city_ar, &self.city_fr, &self.city_en)
    }

    pub fn place(&self, lang: Lang) -> &str {
        pick(lang, &self.place_ar, &self.place_fr, &self.place_fr)
    }

    pub fn address(&self, lang: Lang) -> &str {
        pick(lang, &self.address_ar, &self.address_fr, &self.address_fr)
    }
}

impl University {
    /// The texts a search looks in: the id, and the name and city in every
    /// language (a student may type "Rabat" on the Arabic page).
    pub fn search_fields(&self) -> [&str; 7] {
        [
            &self.id,
            &self.name_ar,
            &self.name_fr,
            &self.name_en,
            &self.city_ar,
            &self.city_fr,
            &self.city_en,
        ]
    }
}

impl Office {
    fn city_fields(&self) -> [&str; 3] {
        [&self.city_ar, &self.city_fr, &self.city_en]
    }

    /// The texts a search looks in: city, place and address in every
    /// language.
    pub fn search_fields(&self) -> [&str; 7] {
        [
            &self.city_ar,
            &self.city_fr,
            &self.city_en,
            &self.place_ar,
            &self.place_fr,
            &self.address_ar,
            &self.address_fr,
        ]
    }
}

/// The offices shown for what a student typed: those matching `typed` (see
/// [`crate::search`]) and, when `university` is chosen, serving it; the
/// offices of `mine` (the student's own university) come first, each group
/// in the leaflet's order.
///
/// When the words name a city, only that city's offices are shown: `فاس`
/// means Fès, not the Rabat offices on Avenue Allal El Fassi.
pub fn find_offices<'a>(
    offices: &'a [Office],
    typed: &str,
    university: Option<&str>,
    mine: Option<&str>,
) -> Vec<&'a Office> {
    let query = Query::parse(typed);
    let mut found: Vec<&Office> = offices
        .iter()
        .filter(|o| university.is_none_or(|id| o.university_id == id))
        .filter(|o| query.matches(o.search_fields()))
        .collect();
    if found.iter().any(|o| query.matches(o.city_fields())) {
        found.retain(|o| query.matches(o.city_fields()));
    }
    // A stable sort keeps the leaflet's order inside each group.
    found.sort_by_key(|o| Some(o.university_id.as_str()) != mine);
    found
}

fn pick<'a>(lang: Lang, ar: &'a str, fr: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Ar => ar,
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// The reference data the service starts with.
#[derive(Clone, Debug)]
pub struct Seed {
    pub universities: Vec<University>,
    pub offices: Vec<Office>,
}

#[derive(Deserialize)]
struct UniversitiesFile {
    universities: Vec<University>,
}

#[derive(Deserialize)]
struct OfficesFile {
    offices: Vec<Office>,
}

impl Seed {
    /// The project's copy of the leaflet's data, built into the binary.
    pub fn leaflet() -> Seed {
        let universities: UniversitiesFile =
            serde_json::from_str(include_str!("../seed/universities.json"))
                .expect("domain/seed/universities.json is valid (checked by the tests)");
        let offices: OfficesFile = serde_json::from_str(include_str!("../seed/offices.json"))
            .expect("domain/seed/offices.json is valid (checked by the tests)");
        Seed {
            universities: universities.universities,
            offices: offices.offices,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_leaflet_lists_12_universities_and_34_offices() {
        let seed = Seed::leaflet();
        assert_eq!(seed.universities.len(), 12);
        assert_eq!(seed.offices.len(), 34);
    }

    #[test]
    fn ids_are_unique_and_offices_point_to_known_universities() {
        let seed = Seed::leaflet();
        let universities: HashSet<_> = seed.universities.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(universities.len(), 12);
        let offices: HashSet<_> = seed.offices.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(offices.len(), 34);
        for office in &seed.offices {
            assert!(
                universities.contains(office.university_id.as_str()),
                "{} points to {}",
                office.id,
                office.university_id
            );
        }
    }

    #[test]
    fn every_text_is_filled_in_every_language() {
        let seed = Seed::leaflet();
        for u in &seed.universities {
            for lang in Lang::ALL {
                assert!(!u.name(lang).trim().is_empty(), "{} name {lang}", u.id);
                assert!(!u.city(lang).trim().is_empty(), "{} city {lang}", u.id);
            }
        }
        for o in &seed.offices {
            for lang in Lang::ALL {
                assert!(!o.city(lang).trim().is_empty(), "{} city {lang}", o.id);
                assert!(!o.place(lang).trim().is_empty(), "{} place {lang}", o.id);
                assert!(
                    !o.address(lang).trim().is_empty(),
                    "{} address {lang}",
                    o.id
                );
            }
        }
    }

    #[test]
    fn rabat_has_three_offices_and_fes_two() {
        let seed = Seed::leaflet();
        let count = |city: &str| seed.offices.iter().filter(|o| o.city_fr == city).count();
        assert_eq!(count("Rabat"), 3);
        assert_eq!(count("Fès"), 2);
    }

    #[test]
    fn names_follow_the_language() {
        let seed = Seed::leaflet();
        let um5 = seed.universities.iter().find(|u| u.id == "um5").unwrap();
        assert_eq!(um5.name(Lang::Fr), "Université Mohammed V de Rabat");
        assert_eq!(um5.name(Lang::Ar), "جامعة محمد الخامس بالرباط");
        assert_eq!(um5.name(Lang::En), "Mohammed V University in Rabat");
    }

    fn ids<'a>(found: &[&'a Office]) -> Vec<&'a str> {
        found.iter().map(|o| o.id.as_str()).collect()
    }

    #[test]
    fn fes_is_found_in_any_script_and_spelling() {
        let seed = Seed::leaflet();
        for typed in ["fes", "Fès", "FES", "فاس", "Fez"] {
            let found = find_offices(&seed.offices, typed, None, None);
            assert_eq!(ids(&found), ["fes-saiss", "fes-dhar-el-mehraz"], "{typed}");
        }
    }

    #[test]
    fn rabat_in_arabic_finds_its_three_offices() {
        let seed = Seed::leaflet();
        let found = find_offices(&seed.offices, "الرباط", None, None);
        assert_eq!(
            ids(&found),
            ["rabat-souissi-2", "rabat-souissi-1", "rabat-agdal"]
        );
    }

    #[test]
    fn places_and_addresses_are_searched_too() {
        let seed = Seed::leaflet();
        assert_eq!(
            ids(&find_offices(&seed.offices, "agdal", None, None)),
            ["rabat-agdal"]
        );
        assert_eq!(
            ids(&find_offices(&seed.offices, "ظهر المهراز", None, None)),
            ["fes-dhar-el-mehraz"]
        );
        assert_eq!(
            ids(&find_offices(&seed.offices, "imouzzer", None, None)),
            ["fes-saiss"]
        );
    }

    #[test]
    fn the_university_filter_keeps_its_offices_only() {
        let seed = Seed::leaflet();
        let found = find_offices(&seed.offices, "", Some("usmba"), None);
        assert_eq!(ids(&found), ["fes-saiss", "fes-dhar-el-mehraz", "taza"]);
        assert!(find_offices(&seed.offices, "rabat", Some("usmba"), None).is_empty());
    }

    #[test]
    fn my_university_comes_first_in_the_leaflets_order() {
        let seed = Seed::leaflet();
        let found = find_offices(&seed.offices, "", None, Some("uca"));
        assert_eq!(found.len(), 34);
        assert_eq!(
            ids(&found[..4]),
            ["marrakech", "safi", "kelaa-des-sraghna", "essaouira"]
        );
        assert_eq!(found[4].id, "rabat-souissi-2");
    }

    #[test]
    fn universities_are_searched_in_every_language() {
        let seed = Seed::leaflet();
        let find = |typed: &str| -> Vec<&str> {
            let query = Query::parse(typed);
            seed.universities
                .iter()
                .filter(|u| query.matches(u.search_fields()))
                .map(|u| u.id.as_str())
                .collect()
        };
        assert_eq!(find("ibn tofail"), ["uit"]);
        assert_eq!(find("Tofaïl"), ["uit"]);
        assert_eq!(find("ابن طفيل"), ["uit"]);
        assert_eq!(find("fez"), ["usmba"]);
        assert_eq!(find("مولاي اسماعيل"), ["umi"]);
    }
}
