//! Validation: every problem at once, each at its line, as the console's editor and
//! `ticketgram flow validate` show them.

use ticketgram_flows::{validate, Flow, Problem, ProblemKind, Severity};

/// A valid flow in English only (so translations are not what the tests look at).
const VALID: &str = r#"version: 1
start: welcome
human: human
steps:
  welcome:
    menu:
      text: { en: "Welcome!" }
      options:
        - label: { en: "Dispute" }
          goto: dispute_type
  dispute_type:
    ask:
      text: { en: "What about?" }
      field: dispute_type
      answer:
        choice:
          - value: quality
            label: { en: "Quality" }
          - value: payment
            label: { en: "Payment" }
      next: human
  human:
    hand_off:
      topic: Disputes
      acknowledgement: { en: "Accepted: {ticket}" }
"#;

fn errors(problems: &[Problem]) -> Vec<&Problem> {
    problems.iter().filter(|p| p.is_error()).collect()
}

fn only_error(source: &str) -> Problem {
    let problems = validate(source);
    let errors = errors(&problems);
    assert_eq!(errors.len(), 1, "{problems:#?}");
    errors[0].clone()
}

#[test]
fn the_valid_flow_only_warns_about_missing_languages() {
    let problems = validate(VALID);
    assert!(errors(&problems).is_empty(), "{problems:#?}");
    assert_eq!(problems.len(), 3, "one per missing language: {problems:#?}");
    assert!(problems
        .iter()
        .all(|p| p.kind == ProblemKind::MissingTranslation && p.line == Some(1)));
    assert!(Flow::parse(VALID).is_ok(), "warnings do not stop a flow");
}

#[test]
fn a_validation_error_points_at_line_14() {
    let source = VALID.replace("next: human", "next: humna");
    let error = only_error(&source);
    assert_eq!(error.kind, ProblemKind::UnknownStep);
    assert_eq!((error.line, error.column), (Some(21), Some(7)));
    // Now the one the editor shows on line 14: a field name with a capital letter.
    let source = VALID.replace("field: dispute_type", "field: Dispute-Type");
    let error = only_error(&source);
    assert_eq!(error.line, Some(14));
    assert_eq!(error.path, "steps.dispute_type.ask.field");
    assert_eq!(
        error.to_string(),
        "14:7: error: field name `Dispute-Type` may only have lowercase letters, digits and `_` (steps.dispute_type.ask.field)"
    );
}

#[test]
fn an_unknown_step_is_named_with_a_suggestion() {
    let source = VALID.replace("goto: dispute_type", "goto: dispute_tipe");
    let error = only_error(&source);
    assert_eq!(error.kind, ProblemKind::UnknownStep);
    assert_eq!(error.line, Some(10));
    assert_eq!(error.path, "steps.welcome.menu.options[0].goto");
    assert_eq!(
        error.message,
        "there is no step `dispute_tipe` (did you mean `dispute_type`?)"
    );
}

#[test]
fn syntax_errors_come_from_the_parser_with_their_line() {
    // A misspelt key.
    let error = only_error(&VALID.replace(
        "          goto: dispute_type",
        "          gotoo: dispute_type",
    ));
    assert_eq!(error.kind, ProblemKind::Syntax);
    assert_eq!(error.line, Some(10));
    assert!(error.message.contains("gotoo"), "{}", error.message);
    // Broken YAML.
    let error = only_error(&VALID.replace(
        "text: { en: \"What about?\" }",
        "text: { en: \"What about? }",
    ));
    assert_eq!(error.kind, ProblemKind::Syntax);
    assert!(error.line.is_some());
    // A number where a word is wanted.
    let error = only_error(&VALID.replace("version: 1", "version: one"));
    assert_eq!((error.kind, error.line), (ProblemKind::Syntax, Some(1)));
}

#[test]
fn every_problem_is_reported_at_once() {
    let source = VALID
        .replace("start: welcome", "start: welcom")
        .replace("next: human", "next: nowhere")
        .replace("value: payment", "value: quality");
    let problems = validate(&source);
    let kinds: Vec<ProblemKind> = errors(&problems).iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            ProblemKind::UnknownStep,
            ProblemKind::Ambiguous,
            ProblemKind::UnknownStep
        ]
    );
    let lines: Vec<usize> = errors(&problems).iter().filter_map(|p| p.line).collect();
    assert_eq!(lines, [2, 19, 21], "ordered by line");
    let invalid = Flow::parse(&source).unwrap_err();
    assert_eq!(invalid.errors().count(), 3);
    assert_eq!(
        invalid.to_string(),
        "the flow has 3 error(s); the first: 2:1: error: there is no step `welcom` (did you mean `welcome`?) (start)"
    );
}

#[test]
fn a_step_defined_twice_names_both_lines() {
    let source = format!("{VALID}  welcome:\n    action: help\n");
    let error = only_error(&source);
    assert_eq!(error.kind, ProblemKind::DuplicateKey);
    assert_eq!(error.line, Some(26));
    assert_eq!(
        error.message,
        "step `welcome` is defined twice (first at line 5, which is the one used)"
    );
}

/// One broken thing per case: what is found, and on which line.
#[test]
fn each_rule_finds_its_problem_on_its_line() {
    let cases: &[(&str, &str, ProblemKind, usize)] = &[
        (
            "start: welcome",
            "start: nowhere",
            ProblemKind::UnknownStep,
            2,
        ),
        (
            "human: human",
            "human: welcome",
            ProblemKind::NotAHandOff,
            3,
        ),
        (
            "version: 1",
            "version: 2",
            ProblemKind::UnsupportedVersion,
            1,
        ),
        (
            "  human:\n    hand_off",
            "  Human:\n    hand_off",
            ProblemKind::BadStepId,
            22,
        ),
        (
            "      next: human",
            "      next: human\n      human: welcome",
            ProblemKind::NotAHandOff,
            22,
        ),
        (
            "text: { en: \"What about?\" }",
            "text: { de: \"Worum geht es?\" }",
            ProblemKind::MissingText,
            13,
        ),
        (
            "      options:\n        - label: { en: \"Dispute\" }\n          goto: dispute_type\n",
            "      options: []\n",
            ProblemKind::EmptyList,
            8,
        ),
        ("      next: human\n", "", ProblemKind::DeadEnd, 17),
        (
            "acknowledgement: { en: \"Accepted: {ticket}\" }",
            "acknowledgement: { en: \"Accepted\" }\n      fields: [reason]",
            ProblemKind::UnknownField,
            26,
        ),
    ];
    for (from, to, kind, line) in cases {
        assert!(VALID.contains(from), "{from}");
        let source = VALID.replace(from, to);
        let problems = validate(&source);
        let found = problems
            .iter()
            .find(|p| p.kind == *kind)
            .unwrap_or_else(|| panic!("{kind:?} not found for {to:?}: {problems:#?}"));
        assert_eq!(found.line, Some(*line), "{kind:?}: {found}");
    }
}

#[test]
fn answer_rules_are_checked() {
    let ask = |answer: &str| {
        VALID.replace(
            "      answer:\n        choice:\n          - value: quality\n            label: { en: \"Quality\" }\n          - value: payment\n            label: { en: \"Payment\" }\n",
            &format!("      answer: {answer}\n"),
        )
    };
    let error = only_error(&ask("{ text: { pattern: \"([a-z\" } }"));
    assert_eq!(
        (error.kind, error.line),
        (ProblemKind::InvalidPattern, Some(15))
    );
    assert!(
        error.message.starts_with("the pattern does not compile: "),
        "{}",
        error.message
    );
    let error = only_error(&ask("{ number: { min: 10, max: 1 } }"));
    assert_eq!(error.kind, ProblemKind::BadRange);
    assert_eq!(error.message, "min 10 is greater than max 1");
    let error = only_error(&ask("{ media: { min: 3, max: 2 } }"));
    assert_eq!(error.kind, ProblemKind::BadRange);
    let fine = ask("{ order_number: { pattern: \"A-\\\\d+\" } }");
    assert!(
        errors(&validate(&fine)).is_empty(),
        "{:#?}",
        validate(&fine)
    );
}

#[test]
fn a_loop_that_never_waits_for_the_client_is_refused() {
    let source = VALID.replace(
        "  human:\n    hand_off:",
        "  ping:\n    message: { text: { en: \"ping\" }, next: pong }\n  pong:\n    message: { text: { en: \"pong\" }, next: ping }\n  human:\n    hand_off:",
    );
    let source = source.replace("next: human", "next: ping");
    let problems = validate(&source);
    let error = problems
        .iter()
        .find(|p| p.kind == ProblemKind::EndlessLoop)
        .expect("the loop is found");
    assert_eq!(
        error.message,
        "ping → pong → ping lead into each other without ever waiting for the client; add a menu or a question to the loop"
    );
    // The same loop through a question is fine: the client answers each time.
    let fine = VALID.replace("next: human", "next: welcome");
    assert!(errors(&validate(&fine)).is_empty());
}

#[test]
fn lookups_and_hand_offs_read_fields_that_fit() {
    let lookup = VALID.replace(
        "  human:\n    hand_off:",
        "  check:\n    lookup: { field: dispute_type, found: human }\n  human:\n    hand_off:",
    );
    let lookup = lookup.replace("next: human", "next: check");
    let error = only_error(&lookup);
    assert_eq!(error.kind, ProblemKind::BadField);
    assert_eq!(
        error.message,
        "`dispute_type` is a choice answer (step `dispute_type`); a lookup needs an order_number"
    );
    let routes = VALID.replace(
        "      topic: Disputes\n",
        "      topic: Disputes\n      routes:\n        field: dispute_type\n        cases:\n          payments: { priority: high }\n",
    );
    let error = only_error(&routes);
    assert_eq!(error.kind, ProblemKind::UnknownField);
    assert_eq!(error.line, Some(28));
    assert_eq!(
        error.message,
        "`dispute_type` has no option `payments` (did you mean `payment`?)"
    );
}

#[test]
fn unreachable_steps_unknown_placeholders_and_half_translations_are_warnings() {
    let source = VALID
        .replace(
            "  human:\n    hand_off:",
            "  old:\n    action: help\n  human:\n    hand_off:",
        )
        .replace(
            "\"Welcome!\"",
            "\"Welcome, {nmae}!\", ru: \"Здравствуйте!\"",
        );
    let problems = validate(&source);
    assert!(errors(&problems).is_empty(), "{problems:#?}");
    let warning = |kind| {
        problems
            .iter()
            .find(|p| p.kind == kind)
            .unwrap_or_else(|| panic!("{kind:?}: {problems:#?}"))
    };
    let unreachable = warning(ProblemKind::UnreachableStep);
    assert_eq!(
        (unreachable.line, unreachable.severity),
        (Some(22), Severity::Warning)
    );
    let placeholder = warning(ProblemKind::UnknownPlaceholder);
    assert_eq!(placeholder.line, Some(7));
    // Russian is used, so each text without it is pointed at; Chinese is not used at all,
    // which is one warning for the whole flow.
    let missing_ru = problems
        .iter()
        .filter(|p| p.kind == ProblemKind::MissingTranslation && p.message.contains("`ru`"))
        .count();
    assert_eq!(missing_ru, 5);
    let missing_zh = problems
        .iter()
        .filter(|p| p.kind == ProblemKind::MissingTranslation && p.message.contains("`zh`"))
        .count();
    assert_eq!(missing_zh, 1);
}

#[test]
fn json_is_accepted_and_located_too() {
    let json = r#"{
  "version": 1,
  "start": "welcome",
  "human": "human",
  "steps": {
    "welcome": {
      "menu": {
        "text": { "en": "Hi" },
        "options": [ { "label": { "en": "Go" }, "goto": "nowhere" } ]
      }
    },
    "human": { "hand_off": { "acknowledgement": { "en": "ok" } } }
  }
}
"#;
    let error = only_error(json);
    assert_eq!(error.kind, ProblemKind::UnknownStep);
    assert_eq!(error.line, Some(9));
    assert_eq!(error.path, "steps.welcome.menu.options[0].goto");
    let broken = json.replace(
        "\"text\": { \"en\": \"Hi\" },",
        "\"text\": { \"en\": \"Hi\" },,",
    );
    let error = only_error(&broken);
    assert_eq!(error.kind, ProblemKind::Syntax);
    assert_eq!(error.line, Some(8));
}
