//! The follow-up page and its report: an admin turns the follow-up on (an hour after closing,
//! with "Is it really solved?"), a nonsense delay is refused, and the reports page shows the
//! answers' average, share of easy scores and distribution.

use crate::harness::{self, get, Console, Session};
use ticketgram_domain::follow_up::Effort;

async fn post(console: &Console, session: &Session, form: &[(&str, &str)]) -> (u16, String) {
    harness::post(console, session, "/admin/follow-up", form).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_turns_the_follow_up_on_and_reads_the_answers_in_the_report() {
    let console = Console::start().await;
    let admin = console.session(&console.admin).await;
    let (status, page) = get(&console, &admin.cookie, "/admin/follow-up").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Off:"), "{page}");

    let (status, refused) = post(
        &console,
        &admin,
        &[("enabled", "on"), ("after_minutes", "soon")],
    )
    .await;
    assert_eq!(status, 400, "{refused}");
    assert!(refused.contains("whole number"), "{refused}");

    let form = [
        ("enabled", "on"),
        ("after_minutes", "60"),
        ("ask_solved", "on"),
    ];
    let (status, _) = post(&console, &admin, &form).await;
    assert_eq!(status, 303);
    let profile = console.store.desk_profile(console.ws).await.expect("read");
    let saved = profile.follow_up.expect("on");
    assert_eq!((saved.after_minutes, saved.ask_solved), (60, true));
    let (_, page) = get(&console, &admin.cookie, "/admin/follow-up").await;
    assert!(page.contains("60 minutes after closing"), "{page}");

    // Two clients answered: a 6 and a 2 who says it is not solved.
    let ann = console.client("Ann");
    console.says(&ann, "Payout stuck");
    console.client_gets(&ann, "#1000").await;
    let bob = console.client("Bob");
    console.says(&bob, "Refund missing");
    console.client_gets(&bob, "#1001").await;
    let (first, second) = (console.ticket(1000).await, console.ticket(1001).await);
    let now = chrono::Utc::now();
    console
        .store
        .write(async |tx| {
            tx.record_effort(console.ws, first.id, Effort::new(6).expect("6"), now)
                .await?;
            tx.record_effort(console.ws, second.id, Effort::new(2).expect("2"), now)
                .await?;
            tx.record_solved(console.ws, second.id, false).await
        })
        .await
        .expect("answers");
    let (status, report) = get(&console, &admin.cookie, "/reports").await;
    assert_eq!(status, 200);
    assert!(report.contains("id=\"effort\""), "{report}");
    assert!(report.contains("4.00"), "the average of 6 and 2: {report}");
    assert!(report.contains("50.0%"), "one of two is easy: {report}");
}
