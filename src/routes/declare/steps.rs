//! The declaration's steps, in plain functions the screens call: what
//! each step validates (with the domain's own parsers) and which step
//! comes next.

use amoe_domain::declaration::reexamination::REASON;
use amoe_domain::declaration::{AcademicYear, DeclarationForm, Ineligibility, Rules, field};
use amoe_domain::messages::{FieldError, PublicConfig};
use amoe_domain::student::BirthDate;
use time::{Date, Month};

/// The steps, in order; `NotEligible` and `Confirmation` end the journey.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Start,
    Coverage,
    Scheme,
    NotEligible,
    Identity,
    Contact,
    University,
    Check,
    Confirmation,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 9] = [
        Step::Start,
        Step::Coverage,
        Step::Scheme,
        Step::NotEligible,
        Step::Identity,
        Step::Contact,
        Step::University,
        Step::Check,
        Step::Confirmation,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Step::Start => "/declare",
            Step::Coverage => "/declare/coverage",
            Step::Scheme => "/declare/scheme",
            Step::NotEligible => "/declare/not-eligible",
            Step::Identity => "/declare/identity",
            Step::Contact => "/declare/contact",
            Step::University => "/declare/university",
            Step::Check => "/declare/check",
            Step::Confirmation => "/declare/confirmation",
        }
    }

    /// "Step n of 5" for the question pages.
    pub fn number(self) -> Option<u8> {
        match self {
            Step::Coverage | Step::Scheme => Some(1),
            Step::Identity => Some(2),
            Step::Contact => Some(3),
            Step::University => Some(4),
            Step::Check => Some(5),
            _ => None,
        }
    }

    /// Where "Back" goes.
    pub fn previous(self, form: &DeclarationForm) -> Step {
        match self {
            Step::Coverage | Step::Confirmation => Step::Start,
            Step::Scheme => Step::Coverage,
            Step::NotEligible if form.covered == "yes" => Step::Scheme,
            Step::NotEligible | Step::Contact => Step::Identity,
            Step::Identity => Step::Coverage,
            Step::University => Step::Contact,
            Step::Check => Step::University,
            Step::Start => Step::Start,
        }
    }
}

pub const STEPS: u8 = 5;

/// The rules and the date the wizard applies, from `GET /api/config`, or
/// the device's own when offline.
#[derive(Clone, Debug, PartialEq)]
pub struct Context {
    pub today: Date,
    pub rules: Rules,
    pub year: AcademicYear,
    pub controller: String,
    pub cndp_authorisation: String,
}

impl Context {
    pub fn from_config(config: &PublicConfig) -> Option<Context> {
        let today = config.today.date();
        let rules = Rules {
            age_limit: config.age_limit,
            ..Rules::default()
        };
        Some(Context {
            today,
            rules,
            year: config.academic_year,
            controller: config.controller.clone(),
            cndp_authorisation: config.cndp_authorisation.clone(),
        })
    }

    /// Offline (and on a page drawn at build time): the device's date, the
    /// default rules and the default controller.
    pub fn offline(today: Date) -> Context {
        let rules = Rules::default();
        Context {
            today,
            rules,
            year: AcademicYear::containing(today, rules.year_start),
            controller: amoe_domain::messages::DEFAULT_CONTROLLER.to_owned(),
            cndp_authorisation: String::new(),
        }
    }
}

/// What a step's "Continue" leads to: errors to show, or the next step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Errors(Vec<FieldError>),
    Go(Step),
}

/// Checks what `step` asks and says where to go. `returning` is set when
/// the student came from "Check your answers" through a Change link.
pub fn continue_from(
    step: Step,
    form: &DeclarationForm,
    context: &Context,
    returning: bool,
) -> Outcome {
    let today = context.today;
    let (fields, next): (&[&str], Step) = match step {
        Step::Coverage if form.covered == "yes" => (&[field::COVERED], Step::Scheme),
        Step::Coverage if returning => (&[field::COVERED], Step::Check),
        Step::Coverage => (&[field::COVERED], Step::Identity),
        Step::Scheme => (&[field::SCHEME, field::OTHER_SCHEME], Step::NotEligible),
        Step::Identity => {
            let over_age =
                BirthDate::parse(&form.birth_day, &form.birth_month, &form.birth_year, today)
                    .is_ok_and(|birth| context.rules.check_age(&birth, today).is_err());
            let next = match (over_age, returning) {
                (true, _) => Step::NotEligible,
                (false, true) => Step::Check,
                (false, false) => Step::Contact,
            };
            let fields: &[&str] = &[
                field::CIN,
                field::MASSAR,
                field::LAST_NAME,
                field::FIRST_NAME,
                field::BIRTH_DATE,
            ];
            (fields, next)
        }
        Step::Contact if returning => (&[field::EMAIL, field::PHONE], Step::Check),
        Step::Contact => (&[field::EMAIL, field::PHONE], Step::University),
        Step::University => (&[field::UNIVERSITY, field::ESTABLISHMENT], Step::Check),
        other => (&[], other),
    };
    let errors = form.errors_in(fields, today);
    if errors.is_empty() {
        Outcome::Go(next)
    } else {
        Outcome::Errors(errors)
    }
}

/// Why this form's student cannot be covered, if that is where it leads.
pub fn ineligibility(form: &DeclarationForm, context: &Context) -> Option<Ineligibility> {
    if let Ok(amoe_domain::declaration::Coverage::Yes { by }) = form.coverage() {
        return Some(Ineligibility::CoveredElsewhere { by });
    }
    let birth = BirthDate::parse(
        &form.birth_day,
        &form.birth_month,
        &form.birth_year,
        context.today,
    )
    .ok()?;
    context.rules.check_age(&birth, context.today).err()
}

/// The Fluent key of a field's error message.
pub fn error_key(error: &FieldError) -> String {
    match error.field.as_str() {
        // A name error says which name.
        field::LAST_NAME | field::FIRST_NAME => format!("error-{}-{}", error.field, error.code),
        _ => format!("error-{}", error.code),
    }
}

/// The question page that asks for `field_name` (for "Change" links and
/// for errors found on the check page).
pub fn step_of(field_name: &str) -> Step {
    match field_name {
        field::COVERED => Step::Coverage,
        field::SCHEME | field::OTHER_SCHEME => Step::Scheme,
        field::EMAIL | field::PHONE => Step::Contact,
        field::UNIVERSITY | field::ESTABLISHMENT => Step::University,
        field::SWORN => Step::Check,
        _ => Step::Identity,
    }
}

/// The address an error summary links to: the input on this page, or the
/// page that asks for it (coming back to "Check your answers").
pub fn error_href(field_name: &str, on: Step) -> String {
    match step_of(field_name) {
        step if step == on => format!("#{}", input_id(field_name)),
        step => format!("{}?change=1", step.path()),
    }
}

/// The day typed as "7 3 2004" in three boxes, or `None` when the three
/// parts are not a date.
pub fn typed_day(day: &str, month: &str, year: &str) -> Option<amoe_domain::Day> {
    let d: u8 = day.trim().parse().ok()?;
    let m: u8 = month.trim().parse().ok()?;
    let y: i32 = year.trim().parse().ok()?;
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d)
        .ok()
        .map(amoe_domain::Day::from_date)
}

/// The id of the input an error summary links to (the first of a date).
pub fn input_id(field_name: &str) -> String {
    match field_name {
        field::BIRTH_DATE => "birth_day".into(),
        // The first radio of a question.
        field::COVERED => format!("{}-yes", field::COVERED),
        field::SCHEME => format!("{}-cnops", field::SCHEME),
        // A re-examination's reason.
        REASON => format!("{REASON}-enrolled"),
        other => other.to_owned(),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use time::macros::date;

    fn error(name: &str, code: &str) -> FieldError {
        FieldError {
            field: name.to_owned(),
            code: code.to_owned(),
        }
    }

    fn context() -> Context {
        Context::offline(date!(2026 - 11 - 25))
    }

    /// A student's answers up to the identity step.
    pub(in crate::routes::declare) fn identity() -> DeclarationForm {
        DeclarationForm {
            covered: "no".into(),
            cin: "AB123456".into(),
            massar: "R130123456".into(),
            last_name: "El Amrani".into(),
            first_name: "Salma".into(),
            birth_day: "7".into(),
            birth_month: "3".into(),
            birth_year: "2004".into(),
            ..DeclarationForm::default()
        }
    }

    #[test]
    fn coverage_first_then_scheme_or_identity() {
        let ctx = context();
        let mut form = DeclarationForm::default();
        assert_eq!(
            continue_from(Step::Coverage, &form, &ctx, false),
            Outcome::Errors(vec![error("covered", "covered_missing")])
        );
        form.covered = "yes".into();
        assert_eq!(
            continue_from(Step::Coverage, &form, &ctx, false),
            Outcome::Go(Step::Scheme)
        );
        form.covered = "no".into();
        assert_eq!(
            continue_from(Step::Coverage, &form, &ctx, false),
            Outcome::Go(Step::Identity)
        );
        assert_eq!(
            continue_from(Step::Coverage, &form, &ctx, true),
            Outcome::Go(Step::Check)
        );
    }

    #[test]
    fn a_scheme_leads_to_the_not_eligible_page() {
        let form = DeclarationForm {
            covered: "yes".into(),
            scheme: "cnss".into(),
            ..DeclarationForm::default()
        };
        assert_eq!(
            continue_from(Step::Scheme, &form, &context(), false),
            Outcome::Go(Step::NotEligible)
        );
        assert!(matches!(
            ineligibility(&form, &context()),
            Some(Ineligibility::CoveredElsewhere { .. })
        ));
    }

    #[test]
    fn identity_errors_name_every_field_and_over_age_is_not_eligible() {
        let ctx = context();
        let Outcome::Errors(errors) =
            continue_from(Step::Identity, &DeclarationForm::default(), &ctx, false)
        else {
            panic!("errors expected");
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["cin", "massar", "last_name", "first_name", "birth_date"]
        );
        assert_eq!(
            continue_from(Step::Identity, &identity(), &ctx, false),
            Outcome::Go(Step::Contact)
        );
        let old = DeclarationForm {
            birth_year: "1980".into(),
            ..identity()
        };
        assert_eq!(
            continue_from(Step::Identity, &old, &ctx, false),
            Outcome::Go(Step::NotEligible)
        );
        assert!(matches!(
            ineligibility(&old, &ctx),
            Some(Ineligibility::OverAge { limit: 30 })
        ));
    }

    #[test]
    fn a_change_link_returns_to_check() {
        let ctx = context();
        assert_eq!(
            continue_from(Step::Identity, &identity(), &ctx, true),
            Outcome::Go(Step::Check)
        );
        let contact = DeclarationForm {
            email: "s@example.ma".into(),
            ..identity()
        };
        assert_eq!(
            continue_from(Step::Contact, &contact, &ctx, true),
            Outcome::Go(Step::Check)
        );
    }

    #[test]
    fn name_errors_say_which_name() {
        assert_eq!(
            error_key(&error("first_name", "name_empty")),
            "error-first_name-name_empty"
        );
        assert_eq!(error_key(&error("cin", "cin_empty")), "error-cin_empty");
        assert_eq!(input_id("birth_date"), "birth_day");
        assert_eq!(error_href("cin", Step::Identity), "#cin");
        assert_eq!(error_href("cin", Step::Check), "/declare/identity?change=1");
        assert_eq!(error_href("sworn", Step::Check), "#sworn");
        assert_eq!(
            typed_day("07", " 3", "2004").unwrap().to_string(),
            "2004-03-07"
        );
        assert_eq!(typed_day("31", "2", "2004"), None);
    }
}
