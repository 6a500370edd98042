//! `GET /complaints` and `GET /tickets/{number}/complaint`: the platform's dashboard reads the
//! register — Anna's angry delivery complaint with its severity, reasons and refund — and the
//! period's totals and the per-day trend; a ticket that is no complaint is a 404, a bad filter a 422, and a token
//! without `tickets:read` is refused.

use crate::harness::TestApi;
use ticketgram_api::Scope;
use ticketgram_domain::complaint::{CompensationKind, Money};
use ticketgram_domain::Actor;
use ticketgram_relay::actions::complaint;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dashboard_reads_the_complaint_register() {
    let api = TestApi::start().await;
    let token = api.token(&[Scope::TicketsRead]).await;
    let anna = api.client("Anna");
    api.says(
        &anna,
        "My parcel is lost!!! Unacceptable, I will go to the police",
    );
    api.client_gets(&anna, "#1000").await;
    let bert = api.client("Bert");
    api.says(&bert, "How do I change my password?");
    api.client_gets(&bert, "#1001").await;
    let ticket = api.ticket(1000).await;
    let kate = api.kate.clone();
    let desk = api.relay_desk();
    let words = "My parcel is lost!!! Unacceptable, I will go to the police";
    ticketgram_relay::Input::apply(
        &desk,
        "test:complaint".into(),
        chrono::Utc::now(),
        async |desk, fx| {
            complaint::register(
                desk,
                fx,
                &ticket,
                None,
                Some(words),
                false,
                Actor::Agent(kate.id),
            )
            .await?;
            let amount = Money::parse("40").expect("amount");
            complaint::propose_compensation(
                desk,
                fx,
                &ticket,
                CompensationKind::Refund,
                amount,
                "lost",
                &kate,
            )
            .await
            .map(|_| ())
        },
    )
    .await
    .expect("registered");

    let today = chrono::Utc::now().date_naive();
    let path = format!("/complaints?from={today}&to={today}");
    let (status, list) = api.get(&path, &token).await;
    assert_eq!(status, 200, "{list:#}");
    assert_eq!(list["total"], 1);
    assert_eq!(list["by_category"]["delivery"], 1);
    assert_eq!(list["by_severity"]["high"], 1);
    assert_eq!(list["approved_minor"]["refund"], 4000);
    let entry = &list["complaints"][0];
    assert_eq!(entry["ticket"], 1000);
    assert_eq!(entry["severity"], "high");
    assert_eq!(entry["reasons"], serde_json::json!(["angry", "threat"]));
    assert_eq!(entry["compensations"][0]["amount"], "40.00");
    assert_eq!(entry["compensations"][0]["status"], "approved");

    let (status, one) = api.get("/tickets/1000/complaint", &token).await;
    assert_eq!(status, 200, "{one:#}");
    assert_eq!(one["category"], "delivery");
    let (status, _) = api.get("/tickets/1001/complaint", &token).await;
    assert_eq!(status, 404);
    let (status, _) = api.get(&format!("{path}&severity=urgent"), &token).await;
    assert_eq!(status, 422);
    let (status, none) = api.get(&format!("{path}&category=payment"), &token).await;
    assert_eq!((status, &none["total"]), (200, &serde_json::json!(0)));

    let reports_only = api.token(&[Scope::ReportsRead]).await;
    let (status, _) = api.get(&path, &reports_only).await;
    assert_eq!(status, 403);

    // The trend a weekly review charts: per category and local day.
    let (status, trend) = api
        .get(
            &format!("/reports/complaints?from={today}&to={today}"),
            &reports_only,
        )
        .await;
    assert_eq!(status, 200, "{trend:#}");
    assert_eq!(trend["categories"], serde_json::json!(["delivery"]));
    assert_eq!(trend["totals"], serde_json::json!([1]));
    assert_eq!(trend["days"][0]["counts"], serde_json::json!([1]));
}
