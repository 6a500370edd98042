//! A client asks the desk about an order, and the desk asks the marketplace platform: each
//! test is one thing that happens on a support day, against a stand-in platform over real
//! HTTP that checks every signature.
//!
//! The stand-in listens on 127.0.0.1, which the shipped policy refuses; the desk in these
//! tests allows 127.0.0.0/8, as an operator whose platform runs beside the desk would.

mod stand_in;

use stand_in::{StandIn, SECRET};
use std::time::{Duration, Instant};
use ticketgram_outbound::{DestinationPolicy, GuardedClient};
use ticketgram_platform::{
    FieldMapping, LookupConfig, LookupOutcome, PlatformClient, Reason, Secret, MAX_TIMEOUT_MS,
};

fn desk(policy: DestinationPolicy) -> PlatformClient {
    let http = GuardedClient::new(policy, Duration::from_millis(MAX_TIMEOUT_MS)).unwrap();
    PlatformClient::new(http)
}

/// A desk whose platform runs on its own machine.
fn local_desk() -> PlatformClient {
    desk(DestinationPolicy::parse(["127.0.0.0/8"]).unwrap())
}

fn field(name: &str, pointer: &str) -> FieldMapping {
    FieldMapping {
        name: name.into(),
        pointer: pointer.into(),
    }
}

/// The lookup a support lead sets up in the console for the stand-in platform.
fn lookup_for(platform: &StandIn) -> LookupConfig {
    LookupConfig {
        url_template: platform.template(),
        secret: Secret::new(SECRET),
        timeout_ms: 2_000,
        fields: vec![
            field("status", "/order/status"),
            field("due_date", "/order/escrow/release_date"),
            field("total", "/order/total"),
            field("disputed", "/order/disputed"),
            field("tracking", "/order/tracking"),
        ],
        status_template: "Order {order}: {status}, due {due_date} (tracking: {tracking})".into(),
        order_pattern: Some("A-[0-9]{4}".into()),
    }
}

#[tokio::test]
async fn a_client_asks_about_order_a_1042_and_sees_it_is_in_escrow_until_friday() {
    let platform = StandIn::start().await;
    let lookup = lookup_for(&platform);
    assert_eq!(lookup.validate(), Ok(()));

    // Typed with a stray space, as clients do.
    let outcome = local_desk().lookup(&lookup, " A-1042 ").await;

    let LookupOutcome::Found { fields, text } = &outcome else {
        panic!("not found: {outcome:?}");
    };
    assert_eq!(
        text, "Order A-1042: in escrow, due Friday (tracking: —)",
        "no tracking number yet, and the client still reads the rest"
    );
    assert_eq!(fields["total"], "129.5");
    assert_eq!(fields["disputed"], "false");
    assert!(!fields.contains_key("tracking"), "null is no value");
    assert_eq!(outcome.confirms_order(), Some(true));

    let seen = platform.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].target, "/orders/A-1042");
    assert!(seen[0].signed, "the platform checked the signature");
    assert_eq!(seen[0].accept.as_deref(), Some("application/json"));
}

#[tokio::test]
async fn an_order_the_platform_does_not_know_is_not_found() {
    let platform = StandIn::start().await;
    let outcome = local_desk().lookup(&lookup_for(&platform), "A-9999").await;
    assert_eq!(outcome, LookupOutcome::NotFound);
    assert_eq!(
        outcome.confirms_order(),
        Some(false),
        "the dispute form asks again"
    );
}

#[tokio::test]
async fn a_platform_outage_hands_the_client_to_a_human_with_the_status_for_the_operator() {
    let platform = StandIn::start().await;
    let outcome = local_desk().lookup(&lookup_for(&platform), "A-5000").await;
    let LookupOutcome::Unavailable(reason) = &outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(*reason, Reason::Status { status: 500 });
    assert_eq!(reason.to_string(), "the platform answered HTTP 500");
    assert_eq!(
        outcome.confirms_order(),
        None,
        "the dispute goes on; a human checks the order"
    );
}

#[tokio::test]
async fn a_slow_platform_times_out_and_the_client_is_not_kept_waiting() {
    let platform = StandIn::start().await;
    let mut lookup = lookup_for(&platform);
    lookup.timeout_ms = 300;
    let started = Instant::now();
    let outcome = local_desk().lookup(&lookup, "A-7777").await;
    assert_eq!(
        outcome,
        LookupOutcome::Unavailable(Reason::Timeout { after_ms: 300 })
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_garbled_answer_or_one_that_does_not_fit_the_fields_is_malformed() {
    let platform = StandIn::start().await;
    let desk = local_desk();
    let lookup = lookup_for(&platform);

    let truncated = desk.lookup(&lookup, "A-3000").await;
    assert!(
        matches!(&truncated, LookupOutcome::Unavailable(Reason::Malformed(d)) if d.starts_with("not JSON")),
        "{truncated:?}"
    );
    let nested = desk.lookup(&lookup, "A-3001").await;
    assert!(
        matches!(&nested, LookupOutcome::Unavailable(Reason::Malformed(d)) if d.contains("\"status\"")),
        "the operator learns which field to point elsewhere: {nested:?}"
    );
}

#[tokio::test]
async fn an_answer_past_64_kib_is_refused() {
    let platform = StandIn::start().await;
    let desk = local_desk();
    let lookup = lookup_for(&platform);
    for (order, how) in [("A-6400", "declared"), ("A-6401", "streamed")] {
        let outcome = desk.lookup(&lookup, order).await;
        assert_eq!(
            outcome,
            LookupOutcome::Unavailable(Reason::Oversized),
            "{how}"
        );
    }
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let platform = StandIn::start().await;
    let outcome = local_desk().lookup(&lookup_for(&platform), "A-3020").await;
    assert_eq!(
        outcome,
        LookupOutcome::Unavailable(Reason::Status { status: 302 })
    );
    let targets: Vec<String> = platform.seen().into_iter().map(|s| s.target).collect();
    assert_eq!(targets, ["/orders/A-3020"], "nothing reached /elsewhere");
}

#[tokio::test]
async fn the_platform_refuses_a_desk_that_signs_with_an_old_secret() {
    let platform = StandIn::start().await;
    let mut lookup = lookup_for(&platform);
    lookup.secret = Secret::new("the-secret-before-rotation");
    let outcome = local_desk().lookup(&lookup, "A-1042").await;
    let LookupOutcome::Unavailable(reason) = &outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(*reason, Reason::Status { status: 401 });
    let told = reason.to_string();
    assert!(told.contains("same secret"), "{told}");
    assert!(!told.contains("rotation") && !format!("{outcome:?}").contains("rotation"));
}

#[tokio::test]
async fn a_desk_on_public_addresses_only_does_not_call_a_platform_on_its_own_machine() {
    let platform = StandIn::start().await;
    let desk = desk(DestinationPolicy::public_only());
    let by_address = lookup_for(&platform);
    let mut by_name = lookup_for(&platform);
    by_name.url_template = by_name.url_template.replace("127.0.0.1", "localhost");

    for lookup in [by_address, by_name] {
        let outcome = desk.lookup(&lookup, "A-1042").await;
        assert_eq!(
            outcome,
            LookupOutcome::Unavailable(Reason::Refused),
            "{}",
            lookup.url_template
        );
    }
    assert_eq!(platform.seen(), [], "no request reached the platform");
}

#[tokio::test]
async fn an_order_number_of_the_wrong_shape_costs_no_call() {
    let platform = StandIn::start().await;
    let desk = local_desk();
    let lookup = lookup_for(&platform);
    for typed in [
        "hello, where is my parcel?",
        "A-104",
        "a-1042",
        "A-1042; A-1043",
        "",
        "   ",
    ] {
        let outcome = desk.lookup(&lookup, typed).await;
        assert_eq!(outcome, LookupOutcome::Invalid, "{typed:?}");
        assert_eq!(outcome.confirms_order(), Some(false));
    }
    assert_eq!(platform.seen(), []);
}

#[tokio::test]
async fn a_hostile_order_number_stays_inside_its_path_segment() {
    let platform = StandIn::start().await;
    let desk = local_desk();
    let mut lookup = lookup_for(&platform);
    lookup.order_pattern = None; // this platform takes any order number

    let outcome = desk.lookup(&lookup, "../admin?x=1#").await;
    assert_eq!(outcome, LookupOutcome::NotFound);
    // `..` alone would climb to /orders' parent: refused before any call.
    assert_eq!(desk.lookup(&lookup, "..").await, LookupOutcome::Invalid);

    let seen = platform.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].target, "/orders/..%2Fadmin%3Fx%3D1%23");
    assert_eq!(seen[0].order.as_deref(), Some("../admin?x=1#"));
    assert!(seen[0].signed, "signed over the encoded path, as received");
}

#[tokio::test]
async fn a_lookup_saved_with_a_broken_setting_asks_no_one() {
    let platform = StandIn::start().await;
    let mut lookup = lookup_for(&platform);
    lookup.status_template = "Order {order}: {state}".into();
    let outcome = local_desk().lookup(&lookup, "A-1042").await;
    assert!(
        matches!(
            &outcome,
            LookupOutcome::Unavailable(Reason::Misconfigured(_))
        ),
        "{outcome:?}"
    );
    assert_eq!(platform.seen(), []);
}
