//! How the engine treats a client: keywords, /start, Back, old buttons, the human button,
//! refused answers, knowledge searches and lookups, the bot's own screens.

use crate::helpers::*;
use ticketgram_flows::{
    Analytics, BuiltinAction, BuiltinLabel, Effect, FieldValue, HandOffReason, Input, Language,
    LookupResult, Notice, Rejection,
};

/// A small flow for answer rules: a number, a patterned text, two photos at most.
const FORM: &str = r#"
version: 1
start: menu
human: human
steps:
  menu:
    menu:
      text: { en: "Pick" }
      options:
        - label: { en: "Form" }
          goto: age
  age:
    ask:
      text: { en: "How many items?" }
      field: items
      answer: { number: { min: 1, max: 20, integer: true } }
      next: code
  code:
    ask:
      text: { en: "Coupon code?" }
      field: code
      answer: { text: { pattern: "[A-Z]{3}-\\d{2}", max_len: 6 } }
      next: photos
  photos:
    ask:
      text: { en: "Two photos, please." }
      field: photos
      answer: { media: { accept: [photo], min: 1, max: 2 } }
      next: done
  done:
    hand_off:
      topic: Forms
      acknowledgement: { en: "Got {items} items with {code}." }
  human:
    hand_off:
      acknowledgement: { en: "A human is coming." }
"#;

fn rejection(effects: &[Effect]) -> Option<Rejection> {
    says(effects).iter().find_map(|s| match &s.notice {
        Some(Notice::Rejected(r)) => Some(r.clone()),
        _ => None,
    })
}

#[test]
fn refused_answers_say_why_and_keep_everything_collected() {
    let flow = parse(FORM);
    let mut client = Client::new(&flow, Language::En);
    client.start();
    client.press("Form");
    assert_eq!(rejection(&client.text("many")), Some(Rejection::NotANumber));
    assert_eq!(
        rejection(&client.text("2,5")),
        Some(Rejection::NotAWholeNumber)
    );
    assert_eq!(
        rejection(&client.text("40")),
        Some(Rejection::OutOfRange {
            min: Some(1.0),
            max: Some(20.0)
        })
    );
    client.text("3");
    assert_eq!(
        rejection(&client.text("abc-12")),
        Some(Rejection::PatternMismatch)
    );
    assert_eq!(
        rejection(&client.text("ABC-123")),
        Some(Rejection::TooLong { max: 6 })
    );
    assert_eq!(
        rejection(&client.text("see ABC-12")),
        Some(Rejection::TooLong { max: 6 })
    );
    assert_eq!(
        client.state.fields.get("items"),
        Some(&FieldValue::Number { number: 3.0 })
    );
    client.text("ABC-12");
    assert_eq!(
        rejection(&client.text("here")),
        Some(Rejection::ExpectedMedia)
    );
    assert_eq!(
        rejection(&client.send(Input::Done)),
        Some(Rejection::ExpectedMedia)
    );
    let video = client.send(Input::Media {
        kind: ticketgram_domain::MediaKind::Video,
        file_id: "v".into(),
    });
    assert!(matches!(
        rejection(&video),
        Some(Rejection::WrongMediaKind { .. })
    ));
    client.photo("p1");
    // The second (and last allowed) photo finishes the question without Done.
    let effects = client.photo("p2");
    let ticket = hand_off(&effects);
    assert_eq!(ticket.acknowledgement, "Got 3 items with ABC-12.");
    assert_eq!(ticket.topic.as_deref(), Some("Forms"));
}

#[test]
fn a_refused_answer_is_counted_for_the_step() {
    let flow = parse(FORM);
    let mut client = Client::new(&flow, Language::En);
    client.start();
    client.press("Form");
    let effects = client.text("zero");
    assert_eq!(
        analytics(&effects),
        [&Analytics::AnswerRejected { step: "age".into() }]
    );
}

#[test]
fn back_returns_to_the_previous_question_and_keeps_the_answers() {
    let flow = parse(FORM);
    let mut client = Client::new(&flow, Language::En);
    client.start();
    client.press("Form");
    client.text("3");
    assert_eq!(client.step(), Some("code"));
    let effects = client.press_builtin(BuiltinLabel::Back);
    assert_eq!(said(&effects), "How many items?");
    assert_eq!(client.step(), Some("age"));
    assert!(client.state.fields.get("items").is_some());
    client.press_builtin(BuiltinLabel::Back);
    assert_eq!(client.step(), Some("menu"));
    // At the top there is nowhere to go back to: no Back button.
    let effects = client.send(Input::Repeat);
    assert!(says(&effects)[0]
        .buttons
        .iter()
        .flatten()
        .all(|b| b.label != ticketgram_flows::Label::Builtin(BuiltinLabel::Back)));
}

#[test]
fn start_always_returns_to_the_top_and_counts_the_form_as_abandoned() {
    let flow = marketplace();
    let mut client = Client::new(&flow, Language::En);
    client.start();
    client.text("dispute");
    client.text("A-1042");
    client.send(Input::LookupResult(LookupResult::Found {
        details: "x".into(),
    }));
    let effects = client.start();
    assert!(analytics(&effects).contains(&&Analytics::Abandoned {
        step: "dispute_type".into()
    }));
    assert_eq!(client.step(), Some("welcome"));
    assert!(client.state.fields.is_empty());
    assert!(said(&effects).starts_with("Welcome!"));
}

#[test]
fn a_keyword_jumps_from_anywhere_but_a_free_text_answer_may_contain_it() {
    let flow = marketplace();
    let mut client = Client::new(&flow, Language::En);
    client.start();
    client.press("1. Order inquiry");
    let effects = client.text("actually I want to open a DISPUTE");
    assert!(analytics(&effects).contains(&&Analytics::Abandoned {
        step: "order_number".into()
    }));
    assert_eq!(client.step(), Some("dispute_order"));

    client.text("A-1042");
    client.send(Input::LookupResult(LookupResult::Found {
        details: "x".into(),
    }));
    client.text("quality");
    // The reason mentions "dispute" and "human": it is the answer, not a jump.
    client.text("The seller ignores my dispute, I want a human to look at the item");
    assert_eq!(client.step(), Some("dispute_evidence"));
    // In Chinese, a keyword matches inside a sentence.
    let mut client = Client::new(&flow, Language::Zh);
    client.start();
    let effects = client.text("我要转人工");
    assert_eq!(
        hand_off(&effects).reason,
        HandOffReason::ClientAskedForHuman
    );
}

#[test]
fn a_button_from_an_outdated_keyboard_is_not_applied_to_the_current_question() {
    let flow = marketplace();
    let mut client = Client::new(&flow, Language::En);
    client.start();
    client.text("dispute");
    client.text("A-1042");
    client.send(Input::LookupResult(LookupResult::Found {
        details: "x".into(),
    }));
    let quality = client
        .last_button(|b| b.label == ticketgram_flows::Label::Text("Product quality".into()))
        .unwrap();
    client.press("Payment");
    let before = client.state.clone();
    // "Product quality" is pressed on the old message while the reason is asked.
    let effects = client.send(Input::Button(quality));
    let say = says(&effects)[0];
    assert_eq!(say.notice, Some(Notice::OutdatedButton));
    assert_eq!(
        say.text.as_deref(),
        Some("Please describe what happened in a few sentences.")
    );
    assert_eq!(client.state, before);
    // Forged or foreign data is recognised too; the bot's own buttons are not the flow's.
    let effects = client.send(Input::Button("fl:o:zzzz:1".into()));
    assert_eq!(says(&effects)[0].notice, Some(Notice::OutdatedButton));
    assert!(client.send(Input::Button("new".into())).is_empty());
}

#[test]
fn a_menu_button_from_an_old_message_still_takes_the_client_there() {
    let flow = marketplace();
    let mut client = Client::new(&flow, Language::En);
    client.start();
    let account = client
        .last_button(|b| b.label == ticketgram_flows::Label::Text("3. Account issues".into()))
        .unwrap();
    client.press("1. Order inquiry");
    let effects = client.send(Input::Button(account));
    assert!(analytics(&effects).contains(&&Analytics::Abandoned {
        step: "order_number".into()
    }));
    assert_eq!(client.step(), Some("account_question"));
}

#[test]
fn every_message_offers_a_human_except_the_acknowledgement_and_every_button_fits_telegram() {
    let flow = marketplace();
    let mut client = Client::new(&flow, Language::Zh);
    client.start();
    client.press("2. 提交纠纷");
    client.text("abc def");
    client.text("A-1042");
    client.send(Input::LookupResult(LookupResult::NotFound));
    client.text("A-1042");
    client.send(Input::LookupResult(LookupResult::Found {
        details: "x".into(),
    }));
    client.press("商品质量");
    client.text("坏了");
    client.photo("1");
    client.press_builtin(BuiltinLabel::Done);
    client.start();
    client.press("3. 账户问题");
    client.text("无法登录");
    client.send(Input::KnowledgeResult { articles: 2 });
    client.press_builtin(BuiltinLabel::No);
    let all = says(&client.history);
    assert!(all.len() > 10);
    for say in all {
        assert!(has_human_button(say), "{say:#?}");
        for button in say.buttons.iter().flatten() {
            assert!(button.id.len() <= 64, "{}", button.id);
        }
    }
}

#[test]
fn the_knowledge_base_answers_an_account_question_or_a_human_gets_it() {
    let flow = marketplace();
    let mut client = Client::new(&flow, Language::En);
    client.start();
    client.press("3. Account issues");
    let effects = client.text("I can't log in after changing my phone");
    assert_eq!(
        effects.last(),
        Some(&Effect::SearchKnowledge {
            query: "I can't log in after changing my phone".into()
        })
    );
    let effects = client.send(Input::KnowledgeResult { articles: 3 });
    assert_eq!(said(&effects), "Did this answer your question?");
    let effects = client.press_builtin(BuiltinLabel::Yes);
    assert!(analytics(&effects).contains(&&Analytics::SelfServed {
        step: "account_search".into()
    }));
    assert!(said(&effects).starts_with("Glad we could help!"));
    assert!(!client.state.is_active());

    // "No" opens a ticket with the question.
    client.start();
    client.text("3");
    client.text("My account is locked");
    client.send(Input::KnowledgeResult { articles: 1 });
    let effects = client.send(Input::Answered(false));
    let ticket = hand_off(&effects);
    assert_eq!(ticket.reason, HandOffReason::NotAnswered);
    assert_eq!(ticket.fields[0].1.display(), "My account is locked");

    // Nothing found: straight to a human, without asking.
    client.start();
    client.text("3");
    client.text("Something odd");
    let effects = client.send(Input::KnowledgeResult { articles: 0 });
    assert_eq!(hand_off(&effects).reason, HandOffReason::NotAnswered);
}

#[test]
fn an_order_inquiry_shows_what_the_platform_knows_or_an_agent_takes_over() {
    let flow = marketplace();
    let mut client = Client::new(&flow, Language::De);
    client.start();
    client.text("1");
    client.text("A-1042");
    // The client writes again before the bot fed the result back: the lookup is asked again.
    let effects = client.text("hallo?");
    assert_eq!(
        effects,
        [Effect::Lookup {
            order: "A-1042".into()
        }]
    );
    let effects = client.send(Input::LookupResult(LookupResult::Found {
        details: "Versendet am 3. Mai".into(),
    }));
    assert_eq!(
        said(&effects),
        "Das wissen wir zu Bestellung A-1042:\nVersendet am 3. Mai"
    );
    assert!(!client.state.is_active());
    // A result arriving for a step the client has left changes nothing.
    assert!(client
        .send(Input::LookupResult(LookupResult::NotFound))
        .is_empty());

    // The platform failing, with no branch for it, hands over to the order desk.
    client.start();
    client.text("1");
    client.text("A-1042");
    let effects = client.send(Input::LookupResult(LookupResult::Failed));
    let ticket = hand_off(&effects);
    assert_eq!(ticket.reason, HandOffReason::FlowFailed);
    assert_eq!(ticket.topic.as_deref(), Some("Orders"));
}

#[test]
fn todays_menu_leads_to_the_bots_own_screens() {
    let flow = ticketgram_flows::builtin::default_flow().unwrap();
    let mut client = Client::new(&flow, Language::De);
    let effects = client.start();
    assert_eq!(
        said(&effects),
        "Hallo, {name}! Hier ist der Support. Wie können wir helfen?"
    );
    // Help is shown and the client stays at the menu (its keyboard still works).
    let effects = client.text("❓ Hilfe");
    assert!(effects.contains(&Effect::Builtin(BuiltinAction::Help)));
    assert_eq!(client.step(), Some("welcome"));
    // A reply keyboard from before a language change still works.
    let effects = client.text("📋 My requests");
    assert!(effects.contains(&Effect::Builtin(BuiltinAction::MyRequests)));
    // After the language screen, the bot asks for the menu again in the new language.
    client.press("🌐 Sprache");
    client.lang = Language::Ru;
    assert!(said(&client.send(Input::Repeat)).starts_with("Здравствуйте"));
    // New request: the bot's topic list and question take the conversation over.
    let effects = client.press("✍️ Новое обращение");
    assert!(effects.contains(&Effect::Builtin(BuiltinAction::NewRequest)));
    assert!(!client.state.is_active());
    // Out of the flow, plain messages are the bot's to handle.
    assert!(client.text("my printer is broken").is_empty());
}

#[test]
fn a_client_whose_step_was_edited_away_starts_again_keeping_the_answers() {
    let flow = marketplace();
    let mut client = Client::new(&flow, Language::En);
    client.start();
    client.text("2");
    client.text("A-1042");
    client.send(Input::LookupResult(LookupResult::Found {
        details: "x".into(),
    }));
    client.state.at.as_mut().unwrap().step = "removed_in_new_version".into();
    let effects = client.text("quality");
    assert_eq!(says(&effects)[0].notice, Some(Notice::FlowChanged));
    assert_eq!(client.step(), Some("welcome"));
    assert!(client.state.fields.get("order").is_some());
}

#[test]
fn texts_fall_back_to_english() {
    let flow = parse(FORM);
    let mut client = Client::new(&flow, Language::Zh);
    assert_eq!(said(&client.start()), "Pick");
}

#[test]
fn a_typed_button_label_is_that_button_even_with_a_keyword_in_it() {
    let flow = marketplace();
    let mut client = Client::new(&flow, Language::En);
    client.start();
    // A reply keyboard sends the label as text; "dispute" in it is not a jump.
    let effects = client.text("2. Submit a dispute");
    assert!(analytics(&effects).contains(&&Analytics::StepCompleted {
        step: "welcome".into()
    }));
    assert_eq!(client.step(), Some("dispute_order"));
}

#[test]
fn a_client_who_goes_quiet_midway_is_counted_as_abandoning_that_step() {
    let flow = marketplace();
    let mut client = Client::new(&flow, Language::En);
    client.start();
    client.text("dispute");
    let effects = client.send(Input::Expire);
    assert_eq!(
        effects,
        [Effect::Analytics(Analytics::Abandoned {
            step: "dispute_order".into()
        })]
    );
    assert!(!client.state.is_active());
    // Quiet at the top menu is not a form left midway.
    client.start();
    assert!(client.send(Input::Expire).is_empty());
}
