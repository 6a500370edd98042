//! A desk's flow as data: revisions saved, refused, restored; the fields a flow hands off with
//! a ticket; the per-step report; and a client's erasure reaching both.

use crate::helpers::{at, client_writes_in, new_agent, open_desk, open_ticket, TestDb};
use crate::on_both_backends;
use ticketgram_flows::{builtin, Analytics, FieldValue};
use ticketgram_store::{FlowEventKind, SaveFlowError, StepFunnel, StoreError};

on_both_backends!(
    a_lead_edits_the_flow_and_rolls_it_back,
    a_flow_with_errors_is_never_stored,
    a_hand_off_attaches_typed_fields_that_an_erasure_removes,
    the_report_counts_each_step_over_a_period,
);

/// The default flow with a comment and a reworded welcome: a valid edit a lead would make.
fn edited() -> String {
    format!("# our own welcome\n{}", builtin::DEFAULT)
}

async fn a_lead_edits_the_flow_and_rolls_it_back(db: TestDb) {
    let store = &db.store;
    let desk = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    let kate = store
        .write(async |tx| tx.upsert_agent(desk, &new_agent(42, "Kate")).await)
        .await
        .unwrap();

    // Nothing saved: the desk runs the built-in default.
    assert_eq!(store.active_flow(desk).await.unwrap(), None);
    assert!(store.flow_revisions(desk).await.unwrap().is_empty());

    let first = store
        .write(async |tx| {
            tx.save_flow(desk, builtin::MARKETPLACE, None, Some(" start "), at(1))
                .await
        })
        .await
        .unwrap();
    assert_eq!(first.flow.revision, 1);
    assert_eq!(first.flow.note.as_deref(), Some("start"));
    let source = edited();
    let second = store
        .write(async |tx: &ticketgram_store::Tx| {
            tx.save_flow(desk, &source, Some(kate.id), None, at(2))
                .await
        })
        .await
        .unwrap();
    assert_eq!(second.flow.revision, 2);

    // The newest is active, kept exactly as written (comments too).
    let active = store.active_flow(desk).await.unwrap().unwrap();
    assert_eq!(active.source, source);
    assert_eq!(active.saved_by, Some(kate.id));
    assert_eq!(active.saved_at, at(2));
    let revisions: Vec<i64> = store
        .flow_revisions(desk)
        .await
        .unwrap()
        .iter()
        .map(|f| f.revision)
        .collect();
    assert_eq!(revisions, [2, 1]);

    // Rollback: revision 1 again, as revision 3; history keeps what it replaced.
    let restored = store
        .write(async |tx| tx.restore_flow(desk, 1, Some(kate.id), at(3)).await)
        .await
        .unwrap();
    assert_eq!(restored.flow.revision, 3);
    assert_eq!(restored.flow.note.as_deref(), Some("restored revision 1"));
    let active = store.active_flow(desk).await.unwrap().unwrap();
    assert_eq!(active.source, builtin::MARKETPLACE);
    assert_eq!(store.flow_revision(desk, 2).await.unwrap().source, source);

    // Revisions are per desk; another desk sees none of them.
    assert_eq!(store.active_flow(other).await.unwrap(), None);
    assert!(matches!(
        store.flow_revision(other, 1).await,
        Err(StoreError::NotFound)
    ));
    let missing = store
        .write(async |tx| tx.restore_flow(desk, 9, None, at(4)).await)
        .await;
    assert!(matches!(
        missing,
        Err(SaveFlowError::Store(StoreError::NotFound))
    ));
    let theirs = store
        .write(async |tx| {
            tx.save_flow(other, builtin::DEFAULT, None, None, at(5))
                .await
        })
        .await
        .unwrap();
    assert_eq!(theirs.flow.revision, 1);
}

async fn a_flow_with_errors_is_never_stored(db: TestDb) {
    let store = &db.store;
    let desk = open_desk(store, "acme").await;
    let broken = builtin::DEFAULT.replacen("start: ", "start: nowhere_", 1);
    let refused = store
        .write(async |tx| tx.save_flow(desk, &broken, None, None, at(1)).await)
        .await;
    let Err(SaveFlowError::Invalid(invalid)) = refused else {
        panic!("saved a flow with errors: {refused:?}");
    };
    let first = invalid.errors().next().expect("an error");
    assert_eq!(first.line, Some(line_of("start:", &broken)));
    assert_eq!(store.active_flow(desk).await.unwrap(), None);

    let garbage = store
        .write(async |tx| tx.save_flow(desk, "steps: [", None, None, at(2)).await)
        .await;
    assert!(matches!(garbage, Err(SaveFlowError::Invalid(_))));
    assert!(store.flow_revisions(desk).await.unwrap().is_empty());
}

/// The 1-based number of the first line starting with `prefix`.
fn line_of(prefix: &str, source: &str) -> usize {
    1 + source
        .lines()
        .position(|l| l.starts_with(prefix))
        .expect("the line")
}

async fn a_hand_off_attaches_typed_fields_that_an_erasure_removes(db: TestDb) {
    let store = &db.store;
    let desk = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    let anna = client_writes_in(store, desk, 1001, "Anna").await;
    let ticket = open_ticket(store, desk, &anna, "Dispute", 1).await;
    let plain = open_ticket(store, desk, &anna, "Hello", 2).await;

    let fields = vec![
        ("order".to_string(), FieldValue::order("A-1042")),
        (
            "dispute_type".to_string(),
            FieldValue::Choice {
                value: "payment".into(),
                label: "Payment".into(),
            },
        ),
        ("amount".to_string(), FieldValue::Number { number: 1500.0 }),
    ];
    store
        .write(async |tx| tx.set_ticket_fields(desk, ticket.id, &fields).await)
        .await
        .unwrap();
    // Applied again (a replayed hand-off): the same rows, not twice as many.
    store
        .write(async |tx| tx.set_ticket_fields(desk, ticket.id, &fields).await)
        .await
        .unwrap();
    let stored = store.ticket_fields(desk, ticket.id).await.unwrap();
    let got: Vec<(&str, &FieldValue, &str)> = stored
        .iter()
        .map(|f| (f.name.as_str(), &f.value, f.display.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("order", &fields[0].1, "A-1042"),
            ("dispute_type", &fields[1].1, "Payment"),
            ("amount", &fields[2].1, "1500"),
        ]
    );
    assert!(store
        .ticket_fields(desk, plain.id)
        .await
        .unwrap()
        .is_empty());

    // Another desk's ticket cannot be written through this desk, nor a name twice.
    let wrong_desk = store
        .write(async |tx| tx.set_ticket_fields(other, ticket.id, &fields).await)
        .await;
    assert!(matches!(wrong_desk, Err(StoreError::Invalid(_))));
    let twice = vec![fields[0].clone(), fields[0].clone()];
    let twice = store
        .write(async |tx| tx.set_ticket_fields(desk, ticket.id, &twice).await)
        .await;
    assert!(matches!(twice, Err(StoreError::Invalid(_))));

    // The client's report rows stay counted, no longer naming them; their answers go.
    store
        .write(async |tx| {
            tx.record_flow_event(
                desk,
                1,
                "dispute_order",
                FlowEventKind::Entered,
                Some(anna.id),
                at(1),
            )
            .await
        })
        .await
        .unwrap();
    store
        .write(async |tx| tx.erase_client(desk, &anna, at(60)).await)
        .await
        .unwrap();
    assert!(store
        .ticket_fields(desk, ticket.id)
        .await
        .unwrap()
        .is_empty());
    let (named,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM flow_events WHERE client_id IS NOT NULL")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(named, 0);
    let funnel = store.flow_step_funnel(desk, at(0), at(10)).await.unwrap();
    assert_eq!(funnel[0].entered, 1);
}

async fn the_report_counts_each_step_over_a_period(db: TestDb) {
    let store = &db.store;
    let desk = open_desk(store, "acme").await;
    let other = open_desk(store, "globex").await;
    let anna = client_writes_in(store, desk, 1001, "Anna").await;
    let boris = client_writes_in(store, desk, 1002, "Boris").await;

    let events = [
        (
            anna.id,
            1,
            Analytics::StepEntered {
                step: "order".into(),
            },
        ),
        (
            anna.id,
            2,
            Analytics::AnswerRejected {
                step: "order".into(),
            },
        ),
        (
            anna.id,
            3,
            Analytics::StepCompleted {
                step: "order".into(),
            },
        ),
        (
            anna.id,
            4,
            Analytics::StepEntered {
                step: "reason".into(),
            },
        ),
        (
            anna.id,
            5,
            Analytics::StepCompleted {
                step: "reason".into(),
            },
        ),
        (
            boris.id,
            6,
            Analytics::StepEntered {
                step: "order".into(),
            },
        ),
        (
            boris.id,
            7,
            Analytics::Abandoned {
                step: "order".into(),
            },
        ),
        (boris.id, 8, Analytics::SelfServed { step: "faq".into() }),
        // Outside the period.
        (
            boris.id,
            120,
            Analytics::StepEntered {
                step: "order".into(),
            },
        ),
    ];
    for (client, minute, analytics) in &events {
        let (kind, step) = FlowEventKind::of(analytics);
        store
            .write(async |tx| {
                tx.record_flow_event(desk, 2, step, kind, Some(*client), at(*minute))
                    .await
            })
            .await
            .unwrap();
    }
    // Another desk's clients are not this desk's to count.
    let wrong = store
        .write(async |tx| {
            tx.record_flow_event(
                other,
                1,
                "order",
                FlowEventKind::Entered,
                Some(anna.id),
                at(1),
            )
            .await
        })
        .await;
    assert!(matches!(wrong, Err(StoreError::Invalid(_))));

    let funnel = store.flow_step_funnel(desk, at(0), at(60)).await.unwrap();
    assert_eq!(
        funnel,
        [
            StepFunnel {
                step: "faq".into(),
                self_served: 1,
                ..StepFunnel::default()
            },
            StepFunnel {
                step: "order".into(),
                entered: 2,
                completed: 1,
                abandoned: 1,
                rejected: 1,
                self_served: 0,
            },
            StepFunnel {
                step: "reason".into(),
                entered: 1,
                completed: 1,
                ..StepFunnel::default()
            },
        ]
    );
    assert!(store
        .flow_step_funnel(other, at(0), at(60))
        .await
        .unwrap()
        .is_empty());
}
