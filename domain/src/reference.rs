//! Reference data from the official leaflet: the 12 public universities and
//! their declaration platforms, and the 34 ONOUSC reception offices where
//! sickness claim files are handed in.
//!
//! The project carries its own copy of the data under `domain/seed/`, so the
//! server seeds its database without anything outside this repository.

use crate::Lang;
use serde::{Deserialize, Serialize};

/// A public university, named in the three languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
/// text is a transliteration, also used in English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    pub id: String,
    /// The university that serves the office's city (inferred, not printed).
    pub university_id: String,
    pub city_ar: String,
    pub city_fr: String,
    pub place_ar: String,
    pub place_fr: String,
    pub address_ar: String,
    pub address_fr: String,
}

impl Office {
    pub fn city(&self, lang: Lang) -> &str {
        pick(lang, &self.city_ar, &self.city_fr, &self.city_fr)
    }

    pub fn place(&self, lang: Lang) -> &str {
        pick(lang, &self.place_ar, &self.place_fr, &self.place_fr)
    }

    pub fn address(&self, lang: Lang) -> &str {
        pick(lang, &self.address_ar, &self.address_fr, &self.address_fr)
    }
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
}
