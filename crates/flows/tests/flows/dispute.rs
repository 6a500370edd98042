//! The marketplace's dispute form, as a support lead would tell it.

use crate::helpers::*;
use ticketgram_domain::{MediaKind, Priority};
use ticketgram_flows::{
    Analytics, BuiltinLabel, Effect, FieldValue, HandOffReason, Input, Language, LookupResult,
    MediaRef, OrderCheck,
};

#[test]
fn a_buyer_disputes_order_a_1042_for_quality_with_two_screenshots_and_the_ticket_carries_every_field(
) {
    let flow = marketplace();
    let mut buyer = Client::new(&flow, Language::En);
    buyer.start();
    let effects = buyer.press("2. Submit a dispute");
    assert_eq!(
        said(&effects),
        "Let's open a dispute. What is the order number?"
    );

    // The order number is checked against the platform.
    let effects = buyer.text("A-1042");
    assert_eq!(
        effects.last(),
        Some(&Effect::Lookup {
            order: "A-1042".into()
        })
    );
    let effects = buyer.send(Input::LookupResult(LookupResult::Found {
        details: "2 × phone case, delivered 3 May".into(),
    }));
    assert_eq!(said(&effects), "What is the dispute about?");

    buyer.press("Product quality");
    buyer.text("Both cases arrived cracked along the edge.");
    let effects = buyer.photo("screenshot-1");
    assert!(
        says(&effects)[0].notice.is_some(),
        "the first file is acknowledged"
    );
    buyer.photo("screenshot-2");
    let effects = buyer.press_builtin(BuiltinLabel::Done);

    let ticket = hand_off(&effects);
    assert_eq!(ticket.topic.as_deref(), Some("Disputes"));
    assert_eq!(ticket.priority, Some(Priority::Normal));
    assert_eq!(ticket.reason, HandOffReason::Completed);
    let photo = |id: &str| MediaRef {
        kind: MediaKind::Photo,
        file_id: id.into(),
    };
    assert_eq!(
        ticket.fields,
        vec![
            (
                "order".to_string(),
                FieldValue::Order {
                    number: "A-1042".into(),
                    check: Some(OrderCheck::Found),
                    details: Some("2 × phone case, delivered 3 May".into()),
                }
            ),
            (
                "dispute_type".to_string(),
                FieldValue::Choice {
                    value: "quality".into(),
                    label: "Product quality".into(),
                }
            ),
            (
                "reason".to_string(),
                FieldValue::Text {
                    text: "Both cases arrived cracked along the edge.".into()
                }
            ),
            (
                "evidence".to_string(),
                FieldValue::Media {
                    files: vec![photo("screenshot-1"), photo("screenshot-2")]
                }
            ),
        ]
    );
    // The client is told it was accepted and when to expect an answer; the bot fills in the
    // ticket number and the hours of the ticket's SLA.
    assert_eq!(
        ticket.acknowledgement,
        "Thank you! Your dispute about order A-1042 has been accepted as {ticket}. We will handle it within {hours} hours."
    );
    // The form is over: the next form starts empty.
    assert!(!buyer.state.is_active());
    assert!(buyer.state.fields.is_empty());
    // Every step of the form was completed, none abandoned.
    let events = analytics(&buyer.history);
    for step in [
        "dispute_order",
        "dispute_lookup",
        "dispute_type",
        "dispute_reason",
        "dispute_evidence",
    ] {
        assert!(
            events.contains(&&Analytics::StepCompleted { step: step.into() }),
            "{step} completed"
        );
    }
    assert!(!events
        .iter()
        .any(|e| matches!(e, Analytics::Abandoned { .. })));
}

#[test]
fn a_payment_dispute_goes_to_the_queue_and_sla_of_its_type() {
    let flow = marketplace();
    let mut buyer = Client::new(&flow, Language::En);
    buyer.start();
    buyer.text("2");
    buyer.text("#B-77");
    buyer.send(Input::LookupResult(LookupResult::Found {
        details: "paid twice".into(),
    }));
    buyer.text("Payment");
    buyer.text("I was charged twice.");
    buyer.photo("statement");
    let effects = buyer.send(Input::Done);
    let ticket = hand_off(&effects);
    assert_eq!(ticket.topic.as_deref(), Some("Disputes"));
    assert_eq!(ticket.priority, Some(Priority::High));
    assert_eq!(
        ticket.fields[0].1.display(),
        "B-77",
        "a leading # is not part of the number"
    );
}

#[test]
fn a_client_typing_operator_in_the_middle_of_a_dispute_form_reaches_a_human_with_what_they_had_filled_in(
) {
    let flow = marketplace();
    let mut client = Client::new(&flow, Language::Ru);
    client.start();
    client.text("спор");
    let effects = client.text("A-1042");
    assert!(matches!(effects.last(), Some(Effect::Lookup { .. })));
    client.send(Input::LookupResult(LookupResult::Failed));
    let effects = client.press("Оплата");
    assert_eq!(
        said(&effects),
        "Опишите, пожалуйста, в нескольких предложениях, что произошло."
    );

    let effects = client.text("Оператор");
    let ticket = hand_off(&effects);
    assert_eq!(ticket.reason, HandOffReason::ClientAskedForHuman);
    assert_eq!(
        ticket.topic.as_deref(),
        Some("Disputes"),
        "the dispute form's human"
    );
    let names: Vec<&str> = ticket.fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["order", "dispute_type"]);
    assert_eq!(
        ticket.fields[0].1,
        FieldValue::Order {
            number: "A-1042".into(),
            check: Some(OrderCheck::Failed),
            details: None,
        }
    );
    assert!(ticket
        .acknowledgement
        .starts_with("Сотрудник продолжит работу по вашему спору"));
    // Asking for a human is not abandoning the form.
    assert!(!analytics(&effects)
        .iter()
        .any(|e| matches!(e, Analytics::Abandoned { .. })));
}

#[test]
fn the_human_button_midway_also_hands_over_what_was_filled_in() {
    let flow = marketplace();
    let mut client = Client::new(&flow, Language::De);
    client.start();
    client.press("2. Streitfall melden");
    client.text("A-1042");
    client.send(Input::LookupResult(LookupResult::Found {
        details: "ok".into(),
    }));
    let effects = client.press_builtin(BuiltinLabel::Human);
    let ticket = hand_off(&effects);
    assert_eq!(ticket.reason, HandOffReason::ClientAskedForHuman);
    assert_eq!(ticket.fields.len(), 1);
    assert!(ticket.acknowledgement.contains("Streitfall"));
}

#[test]
fn an_order_the_platform_does_not_know_is_asked_for_again_and_the_form_goes_on() {
    let flow = marketplace();
    let mut buyer = Client::new(&flow, Language::En);
    buyer.start();
    buyer.text("dispute");
    buyer.text("A-9999");
    let effects = buyer.send(Input::LookupResult(LookupResult::NotFound));
    let texts: Vec<_> = says(&effects)
        .iter()
        .filter_map(|s| s.text.clone())
        .collect();
    assert_eq!(
        texts,
        [
            "We couldn't find order A-9999. Please check the number and send it again.",
            "Let's open a dispute. What is the order number?"
        ]
    );
    assert_eq!(buyer.step(), Some("dispute_order"));
    let effects = buyer.text("A-1042");
    assert_eq!(
        effects.last(),
        Some(&Effect::Lookup {
            order: "A-1042".into()
        })
    );
}

#[test]
fn a_wrong_order_number_gets_the_desks_hint_and_nothing_is_lost() {
    let flow = marketplace();
    let mut buyer = Client::new(&flow, Language::En);
    buyer.start();
    buyer.text("dispute");
    buyer.text("A-1042");
    buyer.send(Input::LookupResult(LookupResult::Found {
        details: "x".into(),
    }));
    buyer.text("other");
    let before = buyer.state.fields.clone();
    // A file where the reason was asked for.
    let effects = buyer.photo("oops");
    let say = says(&effects)[0];
    assert_eq!(
        say.notice,
        Some(ticketgram_flows::Notice::Rejected(
            ticketgram_flows::Rejection::ExpectedText
        ))
    );
    assert_eq!(buyer.state.fields, before);
    assert_eq!(buyer.step(), Some("dispute_reason"));
    assert!(analytics(&effects).contains(&&Analytics::AnswerRejected {
        step: "dispute_reason".into()
    }));

    buyer.start();
    buyer.text("dispute");
    let effects = buyer.text("my order from Tuesday");
    let say = says(&effects)[0];
    assert_eq!(
        say.notice,
        Some(ticketgram_flows::Notice::Rejected(
            ticketgram_flows::Rejection::NotAnOrderNumber
        ))
    );
    assert_eq!(
        say.text.as_deref(),
        Some("That doesn't look like an order number. You'll find it in your order confirmation, e.g. A-1042.")
    );
}
