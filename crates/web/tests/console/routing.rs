//! The routing page: an admin writes the desk's rules, one line per queue, and sees who is on
//! duty. A line that cannot be read is refused with its number and nothing changes; an admin
//! can set a colleague off shift (one who forgot to say /off), through the same action the
//! manager bot uses, audited.

use crate::harness::{get, post, Console};
use ticketgram_domain::routing::{Presence, Strategy};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_writes_the_routing_rules_and_sets_a_colleague_off_shift() {
    let console = Console::start().await;
    let admin = console.session(&console.admin).await;

    let (status, page) = get(&console, &admin.cookie, "/admin/routing").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("default = manual"), "{page}");

    // A strategy that does not exist: refused, the typed text kept.
    let typed = "default = round_robin\r\npayments = fastest";
    let (status, refused) = post(&console, &admin, "/admin/routing", &[("rules", typed)]).await;
    assert_eq!(status, 422, "{refused}");
    assert!(refused.contains("line 2"), "{refused}");
    assert!(refused.contains("payments = fastest"), "{refused}");
    let profile = console.store.desk_profile(console.ws).await.expect("read");
    assert!(profile.routing.is_none());

    // A queue target given twice, or of no minutes: refused.
    for typed in [
        "payments = manual, first 15, first 20",
        "payments = manual, next 0",
    ] {
        let (status, refused) = post(&console, &admin, "/admin/routing", &[("rules", typed)]).await;
        assert_eq!(status, 422, "{typed}: {refused}");
    }

    // Payments answered within 15 working minutes and resolved within a working day.
    let rules = "default = round_robin\r\npayments = least_loaded, cap 3, first 15, resolve 480";
    let (status, _) = post(&console, &admin, "/admin/routing", &[("rules", rules)]).await;
    assert_eq!(status, 303);
    let profile = console.store.desk_profile(console.ws).await.expect("read");
    let saved = profile.routing.expect("saved");
    assert_eq!(saved.default.strategy, Strategy::RoundRobin);
    assert_eq!(saved.rule_for(Some("Payments")).cap, Some(3));
    assert_eq!(
        saved.rule_for(Some("Payments")).targets.first_response,
        Some(chrono::Duration::minutes(15))
    );
    let (_, page) = get(&console, &admin.cookie, "/admin/routing").await;
    assert!(
        page.contains("payments = least_loaded, cap 3, first 15, resolve 480"),
        "{page}"
    );

    // Kate forgot to say /off.
    let kate = console.agent.id.0.to_string();
    let form = [("agent", kate.as_str()), ("presence", "off")];
    let (status, _) = post(&console, &admin, "/admin/routing/presence", &form).await;
    assert_eq!(status, 303);
    let presences = console
        .store
        .agent_presences(console.ws)
        .await
        .expect("presence");
    assert_eq!(presences[&console.agent.id].presence, Presence::Off);
    let audit = console
        .store
        .audit_log(console.ws, 20)
        .await
        .expect("audit");
    assert!(audit.iter().any(|e| e.action == "agent.presence"));
    assert!(audit.iter().any(|e| e.action == "routing.save"));

    // Kate works mornings only; nonsense hours are refused.
    let form = [("agent", kate.as_str()), ("hours", "whenever")];
    let (status, _) = post(&console, &admin, "/admin/routing/hours", &form).await;
    assert_eq!(status, 400);
    let form = [("agent", kate.as_str()), ("hours", "mon-fri 08:00-12:00")];
    let (status, _) = post(&console, &admin, "/admin/routing/hours", &form).await;
    assert_eq!(status, 303);
    let stored = console
        .store
        .get_agent(console.ws, console.agent.id)
        .await
        .unwrap();
    assert_eq!(stored.schedule.as_deref(), Some("mon-fri 08:00-12:00"));
    let (_, page) = get(&console, &admin.cookie, "/admin/routing").await;
    assert!(page.contains("value=\"mon-fri 08:00-12:00\""), "{page}");

    // An agent cannot open the page.
    let agent = console.session(&console.agent).await;
    let (status, _) = get(&console, &agent.cookie, "/admin/routing").await;
    assert_eq!(status, 403);
}
