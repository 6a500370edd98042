//! The desk keeps its word when its process is killed: twenty clients write to the bot and
//! Kate answers each of them in the ticket's thread, while the operator's worst day happens to
//! the real `ticketgram serve` — SIGKILL every few hundred milliseconds, at least ten times,
//! and a restart each time (on PostgreSQL, two instances killed in turn). Once the desk has
//! settled, Telegram (the sandbox, which lives in this test process and survives every kill)
//! is counted: every message arrived in both directions, each client has one ticket and one
//! confirmation, and duplicates — possible only when a process dies between Telegram
//! accepting a message and the database recording it — are counted and never outnumber the
//! sends the kills caught under way (which the restarted process reports taking over).

mod conversation;
mod failover;
mod fleet;
mod tally;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ticketgram_sandbox::SandboxConfig;
use ticketgram_store::Store;

use crate::desk::Telegram;
use crate::helpers::{run, sqlite_url, Sandbox};
use fleet::{Fleet, KillPlan};
use ticketgram_testkit::TestDatabase;

const CLIENTS: usize = 20;
/// Each client writes on until the killing is over, and at least this much.
const AT_LEAST_MESSAGES: usize = 3;
const KILLS: usize = 10;

/// How long the desk may take to deliver everything after the last kill. Generous: an
/// outbox job claimed by a killed process waits for its claim to expire (twice the bot lease,
/// 60 s) before anyone sends it, and a loaded 2-core CI machine is slow.
const SETTLE: Duration = Duration::from_secs(240);

/// Kate joins the team's chats and is made an agent of the desk (alias "Kate") with the
/// command line, as an operator would.
fn hire_kate(dir: &Sandbox, telegram: &Telegram, database_url: &str) -> i64 {
    let kate = telegram
        .sandbox
        .world()
        .create_user("Kate", Some("kate"), Some("en"));
    telegram.joins_the_team_chats(kate);
    run(dir
        .cmd(&[
            "agent",
            "add",
            "--telegram-id",
            &kate.to_string(),
            "--name",
            "Kate",
            "--alias",
            "Kate",
        ])
        .env("TICKETGRAM_DATABASE_URL", database_url))
    .assert_success();
    kate
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_lost_while_serve_is_killed_over_and_over_on_sqlite() {
    let dir = Sandbox::new();
    let url = sqlite_url(&dir.path("desk.db"));
    story(&dir, &url, &["kill-a"], "SQLite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_lost_while_two_instances_on_postgresql_are_killed_in_turn() {
    let Some(db) = TestDatabase::postgres().await else {
        return;
    };
    let dir = Sandbox::new();
    story(&dir, &db.url, &["kill-a", "kill-b"], "PostgreSQL").await;
}

async fn story(dir: &Sandbox, database_url: &str, instances: &[&str], backend: &str) {
    let seed = std::env::var("KILL_STORY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(11);
    let telegram = Telegram::start_with(SandboxConfig {
        // The story is about crashes, not Telegram's pace: 100 comments in one group would
        // take five minutes under its 20-a-minute limit.
        flood_limits: false,
        self_check: false,
        ..SandboxConfig::default()
    })
    .await;
    let world = telegram.sandbox.world().clone();
    let bot = telegram.bot.id;

    // Kate is an agent of the desk, reads the thread and has opened the bot.
    let kate = hire_kate(dir, &telegram, database_url);
    world.private_chat(bot, kate).expect("Kate opens the bot");

    let serve = serve_command(&telegram, dir, database_url, &[]);
    let instances: Vec<String> = instances.iter().map(|s| s.to_string()).collect();
    let mut fleet = tokio::task::spawn_blocking(move || {
        let ids: Vec<&str> = instances.iter().map(String::as_str).collect();
        Fleet::start(&ids, serve)
    })
    .await
    .expect("the desk starts");

    // The conversation and the killer, all at once.
    let clients = conversation::clients(&world, bot, CLIENTS);
    let started = Instant::now();
    let killing_over = Arc::new(AtomicBool::new(false));
    let agent_stop = Arc::new(AtomicBool::new(false));
    let agent = tokio::spawn(conversation::agent_answers(
        world.clone(),
        kate,
        bot,
        telegram.group,
        agent_stop.clone(),
    ));
    let writers: Vec<_> = clients
        .iter()
        .map(|client| {
            tokio::spawn(conversation::client_writes(
                world.clone(),
                *client,
                AT_LEAST_MESSAGES,
                seed,
                killing_over.clone(),
            ))
        })
        .collect();
    let (mut fleet, kills) = tokio::task::spawn_blocking(move || {
        let plan = KillPlan {
            seed,
            kills: KILLS,
            pause: Duration::from_millis(300)..=Duration::from_millis(2000),
        };
        let kills = fleet::keep_killing(&mut fleet, &plan);
        (fleet, kills)
    })
    .await
    .expect("the killer finished");
    killing_over.store(true, Ordering::SeqCst);
    let mut written = Vec::new();
    for writer in writers {
        written.push(writer.await.expect("a client wrote"));
    }

    // Settling: poll Telegram and the outbox until everything is there, or the deadline.
    let store = Store::connect(database_url).await.expect("database");
    let ws = store
        .find_workspace_by_slug("default")
        .await
        .expect("store")
        .expect("workspace")
        .id;
    let chats = tally::Chats {
        bot,
        channel: telegram.channel,
        group: telegram.group,
    };
    let deadline = Instant::now() + SETTLE;
    let tally = loop {
        let tally = tally::count(&world, &chats, &clients, &written);
        let pending = store.pending_count(ws).await.expect("outbox");
        if tally.complete() && pending == 0 {
            break tally;
        }
        if Instant::now() > deadline {
            agent_stop.store(true, Ordering::SeqCst);
            fleet.stop();
            let logs = keep_logs(&fleet.logs);
            panic!(
                "the desk did not settle within {SETTLE:?} of the last kill ({} kills, \
                 {pending} jobs pending); missing:\n{}\nlogs: {logs}",
                kills.count,
                tally.missing.join("\n")
            );
        }
        // Wakes on anything new at Telegram; the timeout lets the outbox be read again.
        let _ = world
            .wait_for(telegram.group, Duration::from_millis(500), |_| false)
            .await;
    };
    let settled_in = kills.last_at.elapsed();
    agent_stop.store(true, Ordering::SeqCst);
    let answered = agent.await.expect("Kate answered");

    // Each client has exactly one ticket, the one they were told of.
    let mut tickets = 0;
    for client in &clients {
        let stored = store
            .find_client_by_telegram_id(ws, client.user)
            .await
            .expect("store")
            .unwrap_or_else(|| panic!("client {} is known", client.index));
        let theirs = store
            .recent_tickets_of_client(ws, stored.id, 10)
            .await
            .expect("store");
        assert_eq!(
            theirs.len(),
            1,
            "client {} has tickets {:?}",
            client.index,
            theirs.iter().map(|t| t.number).collect::<Vec<_>>()
        );
        tickets += theirs.len();
    }
    let dead = store.dead_jobs(ws).await.expect("outbox");
    store.close().await;
    fleet.stop();

    let target = kills.count.div_ceil(10);
    let caught = sends_caught_by_kills(&fleet.logs);
    // Over the target: the processes' logs say which sends the kills caught.
    let logs = if tally.duplicates.len() > target {
        format!("; logs: {}", keep_logs(&fleet.logs))
    } else {
        String::new()
    };
    println!(
        "kill story on {backend} (seed {seed}, {} instance(s)): {} kills over {:.1} s; \
         {tickets} tickets; {} client messages relayed to threads, {} answers relayed to \
         clients (Kate wrote {answered}); {} duplicate(s) (target {target}){}; settled {:.1} s \
         after the last kill; {caught} send(s) caught under way by the kills{logs}",
        fleet.len(),
        kills.count,
        (kills.last_at - started).as_secs_f64(),
        tally.relayed_in,
        tally.relayed_out,
        tally.duplicates.len(),
        if tally.duplicates.is_empty() {
            String::new()
        } else {
            format!(": {}", tally.duplicates.join("; "))
        },
        settled_in.as_secs_f64(),
    );
    assert!(kills.count >= KILLS);
    assert_eq!(tally.relayed_in, tally.client_messages);
    assert_eq!(tally.relayed_out, tally.answers);
    assert!(tally.misplaced.is_empty(), "{:#?}", tally.misplaced);
    assert!(
        dead.is_empty(),
        "jobs given up: {:#?}",
        dead.iter().map(|j| &j.last_error).collect::<Vec<_>>()
    );
    // A message is sent twice only when a process dies between Telegram accepting it and the
    // database recording it: its job is then still claimed by the dead process, and the next
    // one takes it over and says how many it took. Duplicates beyond that count would come from
    // somewhere else (an answered job given back, an update applied twice) and are a bug.
    // How many sends a kill catches depends on the machine's timing; the dispatcher keeps it
    // to a few (see `UNRECORDED_WINDOW`), and every run prints its count against the target.
    assert!(
        tally.duplicates.len() <= caught,
        "{} duplicates, but the kills caught only {caught} sends under way: {:#?}",
        tally.duplicates.len(),
        tally.duplicates
    );
}

/// `serve` for the story's bot on `database_url`, one instance id per process, with `extra`
/// environment variables on top.
fn serve_command(
    telegram: &Telegram,
    dir: &Sandbox,
    database_url: &str,
    extra: &[(&str, &str)],
) -> fleet::ServeCommand {
    let base = telegram.serve_on(dir, database_url);
    let mut envs: Vec<(std::ffi::OsString, std::ffi::OsString)> = base
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned())))
        .collect();
    envs.extend(extra.iter().map(|(k, v)| (k.into(), v.into())));
    let dir = dir.dir.path().to_owned();
    Box::new(move |instance: &str| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ticketgram"));
        cmd.arg("serve")
            .current_dir(&dir)
            .env_clear()
            .envs(envs.iter().map(|(k, v)| (k, v)))
            .env("TICKETGRAM_INSTANCE_ID", instance)
            // Telegram's limits are off in these stories' sandbox (see above): no pacing.
            .env("TICKETGRAM_TELEGRAM_PACING", "off");
        // `KILL_STORY_LOG=<filter>` (e.g. `info,ticketgram_relay=debug`) for the
        // processes' log when a run over budget is being looked into.
        if let Ok(filter) = std::env::var("KILL_STORY_LOG") {
            cmd.env("RUST_LOG", filter);
        }
        cmd
    })
}

/// How many jobs the restarted processes took over from their killed predecessors (each
/// says so once at start: `took over what the previous run ... left in flight jobs=N`).
fn sends_caught_by_kills(logs: &[String]) -> usize {
    logs.iter()
        .flat_map(|log| log.lines())
        .filter(|line| line.contains("took over what the previous run"))
        .filter_map(|line| {
            let count = line
                .split_whitespace()
                .find_map(|w| w.strip_prefix("jobs="))?;
            count.parse::<usize>().ok()
        })
        .sum()
}

/// Writes the processes' logs where a failed CI run keeps them, and says where.
fn keep_logs(logs: &[String]) -> String {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("kill-story-{}.log", std::process::id()));
    match std::fs::write(&path, logs.join("\n")) {
        Ok(()) => path.display().to_string(),
        Err(e) => format!("not written ({e})"),
    }
}
