//! Health and the reference data, on both engines.

use crate::helpers::{Engine, TestApp};
use amoe_domain::messages::{ErrorBody, ErrorCode, Health, OfficesResponse, UniversitiesResponse};

crate::on_both_engines!(
    health_names_the_engine,
    universities_are_the_12_of_the_leaflet_in_its_order,
    offices_are_the_34_and_filter_by_university,
    an_unknown_university_is_a_json_404_naming_the_field,
    a_restart_on_the_same_database_changes_nothing,
);

async fn health_names_the_engine(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let response = app.get("/api/health").await;
    assert_eq!(response.status(), 200);
    let health: Health = response.json().await.unwrap();
    assert_eq!(health.status, "ok");
    let expected = match engine {
        Engine::Sqlite => "sqlite",
        Engine::Postgres => "postgres",
    };
    assert_eq!(health.database, expected);
}

async fn universities_are_the_12_of_the_leaflet_in_its_order(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let response = app.get("/api/universities").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    let body: UniversitiesResponse = response.json().await.unwrap();
    let ids: Vec<_> = body.universities.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "um5", "ucd", "uit", "uca", "uae", "ump", "usmba", "uh1", "uh2c", "uiz", "usms", "umi"
        ]
    );
    let usmba = &body.universities[6];
    assert_eq!(usmba.name_ar, "جامعة سيدي محمد بن عبد الله");
    assert_eq!(usmba.city_fr, "Fès");
}

async fn offices_are_the_34_and_filter_by_university(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let all: OfficesResponse = app.get_json("/api/offices").await;
    assert_eq!(all.offices.len(), 34);
    let rabat: OfficesResponse = app.get_json("/api/offices?university=um5").await;
    // Mohammed V University serves the three Rabat offices and Salé's.
    assert_eq!(rabat.offices.len(), 4);
    let in_rabat = rabat
        .offices
        .iter()
        .filter(|o| o.city_ar == "الرباط")
        .count();
    assert_eq!(in_rabat, 3);
    assert!(rabat.offices.iter().any(|o| o.id == "sale"));
    let fes: OfficesResponse = app.get_json("/api/offices?university=usmba").await;
    let in_fes = fes.offices.iter().filter(|o| o.city_fr == "Fès").count();
    assert_eq!(in_fes, 2);
    // An empty filter is no filter.
    let empty: OfficesResponse = app.get_json("/api/offices?university=").await;
    assert_eq!(empty.offices.len(), 34);
}

async fn an_unknown_university_is_a_json_404_naming_the_field(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    for query in [
        "university=nope",
        "university=UM5",
        "university=um5%27%20OR%201=1",
        // PostgreSQL refuses a NUL in text: found by the contract test.
        "university=O%00um5",
    ] {
        let response = app.get(&format!("/api/offices?{query}")).await;
        assert_eq!(response.status(), 404, "{query}");
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.code, ErrorCode::UnknownUniversity, "{query}");
        assert_eq!(body.fields.len(), 1, "{query}");
        assert_eq!(body.fields[0].field, "university", "{query}");
        assert_eq!(body.fields[0].code, "unknown_university", "{query}");
    }
}

async fn a_restart_on_the_same_database_changes_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let before = app.get("/api/offices").await.text().await.unwrap();
    let universities = app.get("/api/universities").await.text().await.unwrap();
    let database_url = app.database_url.clone();
    let dir = app.stop().await;
    // Migrations and the seed run again at start-up, on the same database.
    let again = TestApp::spawn_with(database_url, dir, None).await;
    assert_eq!(
        again.get("/api/offices").await.text().await.unwrap(),
        before
    );
    assert_eq!(
        again.get("/api/universities").await.text().await.unwrap(),
        universities
    );
}

#[tokio::test]
async fn config_gives_the_wizard_todays_rules() {
    let app = TestApp::spawn_configured(Engine::Sqlite, |config| {
        config.privacy.cndp_authorisation = "A-GC-123/2026".into();
        config.rules.age_limit = 31;
    })
    .await;
    let config: amoe_domain::messages::PublicConfig = app.get_json("/api/config").await;
    assert_eq!(config.age_limit, 31);
    assert_eq!(config.cndp_authorisation, "A-GC-123/2026");
    assert_eq!(config.today.to_string().len(), 10);
    assert!(config.academic_year.start() >= 2026);
}
