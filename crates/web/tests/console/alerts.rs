//! The alerts page: an admin lowers the day's limit, sets the risk that opens a ticket and
//! writes the desk's own event type in two languages; a line that cannot be read is refused
//! and nothing changes.

use crate::harness::{self, get, Console};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_writes_the_desks_own_alert_type() {
    let console = Console::start().await;
    let adam = console.session(&console.admin).await;
    let (status, page) = get(&console, &adam.cookie, "/admin/alerts").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("milestone_not_confirmed"), "{page}");

    let custom = "kyc_expiring = Your ID check expires on {date}.\r\n\
                  kyc_expiring.de = Ihre Prüfung läuft am {date} ab.";
    let bad = [
        ("per_client_per_day", "2"),
        ("ticket_from_risk", "60"),
        ("custom", "KYC!"),
    ];
    let (status, refused) = harness::post(&console, &adam, "/admin/alerts", &bad).await;
    assert_eq!(status, 400);
    assert!(refused.contains("A line must read"), "{refused}");
    let good = [
        ("per_client_per_day", "2"),
        ("ticket_from_risk", "60"),
        ("custom", custom),
    ];
    let (status, _) = harness::post(&console, &adam, "/admin/alerts", &good).await;
    assert_eq!(status, 303);
    let saved = console
        .store
        .desk_profile(console.ws)
        .await
        .unwrap()
        .proactive
        .expect("saved");
    assert_eq!(
        (saved.per_client_per_day, saved.ticket_from_risk),
        (2, Some(60))
    );
    assert_eq!(saved.required("kyc_expiring").unwrap(), ["date"]);
    let (_, page) = get(&console, &adam.cookie, "/admin/alerts").await;
    assert!(page.contains("kyc_expiring.de = Ihre Prüfung"), "{page}");
}
