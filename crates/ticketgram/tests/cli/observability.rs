//! The operator's view of a running desk: Prometheus scrapes `/metrics` and the orchestrator
//! asks `/readyz`, on the same listener as the console.

use crate::desk::{terminate, wait_for, Telegram};
use crate::helpers::Sandbox;
use crate::serve::Server;
use ticketgram_testkit::eventually;

/// The `http_addr=` of the "Ticketgram is running" line.
fn http_addr(running: &str) -> String {
    running
        .split("http_addr=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {running:?}"))
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operator_sees_the_relay_at_work_in_metrics_and_a_ready_desk() {
    let telegram = Telegram::start().await;
    let dir = Sandbox::new();
    let mut server = Server::start(&mut telegram.serve(&dir));
    let running = wait_for(&mut server, "Ticketgram is running");
    let base = format!("http://{}", http_addr(&running));
    let http = reqwest::Client::new();

    // Ready once the bot is polled.
    let ready: serde_json::Value = eventually("/readyz to say ready", || async {
        let answer = http.get(format!("{base}/readyz")).send().await;
        let answer = answer.map_err(|e| e.to_string())?;
        let status = answer.status();
        let body: serde_json::Value = answer.json().await.map_err(|e| e.to_string())?;
        if status == 200 && body["bots"][0]["state"] == "polling" {
            Ok(body)
        } else {
            Err(format!("{status}: {body}"))
        }
    })
    .await;
    assert_eq!(ready["ready"], true, "{ready:#}");
    assert_eq!(ready["database"], "ok", "{ready:#}");
    assert_eq!(ready["bots"][0]["bot"], telegram.bot.id, "{ready:#}");

    // A client's question travels: the counters say so.
    telegram.client_opens_a_ticket().await;
    let bot = telegram.bot.id;
    let page = eventually("/metrics to count the relayed question", || async {
        let page = http
            .get(format!("{base}/metrics"))
            .send()
            .await
            .map_err(|e| e.to_string())?
            .text()
            .await
            .map_err(|e| e.to_string())?;
        let relayed = "ticketgram_relay_latency_seconds_count{kind=\"to_thread\"}";
        if page.contains(relayed) {
            Ok(page)
        } else {
            Err(page)
        }
    })
    .await;
    for expected in [
        format!("ticketgram_updates_received_total{{bot=\"{bot}\"}}"),
        format!("ticketgram_updates_applied_total{{bot=\"{bot}\"}}"),
        format!("ticketgram_sends_total{{bot=\"{bot}\",outcome=\"done\"}}"),
        "ticketgram_relay_latency_seconds_bucket{kind=\"to_thread\",le=\"0.05\"}".to_string(),
        format!("ticketgram_bot_polling{{bot=\"{bot}\"}} 1"),
        "# TYPE ticketgram_outbox_jobs gauge".to_string(),
        "# TYPE ticketgram_outbox_group_jobs gauge".to_string(),
        "# TYPE ticketgram_dead_jobs gauge".to_string(),
        "ticketgram_leases_held{instance=".to_string(),
        // One instance runs the desk, and sees itself.
        "ticketgram_instances_live 1".to_string(),
        "# HELP ticketgram_sends_total".to_string(),
    ] {
        assert!(page.contains(&expected), "{expected} missing from:\n{page}");
    }
    let leases = page
        .lines()
        .find(|line| line.starts_with("ticketgram_leases_held{"))
        .expect("the leases line");
    assert!(
        leases.ends_with(" 1"),
        "this instance polls the one bot: {leases}"
    );
    terminate(server);
}
