//! Many desks in one deployment: `desk create` gives a desk its bot and setup code, `desk
//! list` shows them, and one `serve` runs fifty desks side by side, each with its own
//! conversation, none of which crosses into another desk (cards, threads, replies, the API).

use std::process::Command;

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use serde_json::{json, Value};
use ticketgram_sandbox::{Sandbox as TelegramSandbox, SandboxConfig};
use ticketgram_testkit::{eventually, DeskInTelegram};

use crate::desk::{terminate, wait_for};
use crate::helpers::{run, sqlite_url, Sandbox};
use crate::serve::{serve_cmd, Server};

/// The instance's sealing key: `desk create` and `serve` must agree on it.
const SECRET_KEY: &str = "desks-test-secret-key-0123456789-abcdefghij";

/// Fifty small businesses, one desk each: ten trades in five towns.
fn fifty_desks() -> Vec<String> {
    let trades = [
        "bakery", "florist", "bikes", "books", "cinema", "dental", "garage", "hotel", "pharmacy",
        "tailor",
    ];
    let towns = ["lyon", "porto", "riga", "graz", "turku"];
    trades
        .iter()
        .flat_map(|trade| towns.iter().map(move |town| format!("{trade}-{town}")))
        .collect()
}

/// `ticketgram ARGS` on this deployment's database and Telegram.
fn ticketgram(dir: &Sandbox, telegram: &TelegramSandbox, args: &[&str]) -> Command {
    let mut cmd = dir.cmd(args);
    cmd.env("TICKETGRAM_DATABASE_URL", sqlite_url(&dir.path("desks.db")))
        .env("TICKETGRAM_TELEGRAM_API_URL", telegram.base_url().as_str())
        .env("TICKETGRAM_SECRET_KEY", SECRET_KEY);
    cmd
}

/// `desk create` for `desk`'s slug and bot; returns the setup code it printed.
fn create_desk(dir: &Sandbox, telegram: &TelegramSandbox, desk: &DeskInTelegram) -> String {
    let name = format!("{} support", desk.slug);
    let args = [
        "desk",
        "create",
        "--slug",
        &desk.slug,
        "--name",
        &name,
        "--bot-token",
        &desk.bot.token,
    ];
    let out = tokio::task::block_in_place(|| run(&mut ticketgram(dir, telegram, &args)));
    out.assert_success().assert_no_secret(&desk.bot.token);
    setup_code(&out.stdout)
}

fn setup_code(stdout: &str) -> String {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("setup code: "))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no setup code in {stdout}"))
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_desk_gets_its_bot_and_a_setup_code_and_shows_in_the_list() {
    let telegram = TelegramSandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let dir = Sandbox::new();
    let bakery = DeskInTelegram::open(telegram.world(), "bakery-lyon");

    let first = create_desk(&dir, &telegram, &bakery);
    let again = tokio::task::block_in_place(|| {
        run(&mut ticketgram(
            &dir,
            &telegram,
            &[
                "desk",
                "create",
                "--slug",
                "bakery-lyon",
                "--name",
                "Other name",
            ],
        ))
    });
    again.assert_success();
    assert!(
        again
            .stdout
            .contains("desk bakery-lyon (bakery-lyon support) exists"),
        "{}",
        again.dump()
    );
    assert!(again.stdout.contains("name kept"), "{}", again.dump());
    assert!(
        again.stdout.contains("bot @bakery_lyon_bot"),
        "{}",
        again.dump()
    );
    assert_ne!(
        setup_code(&again.stdout),
        first,
        "a new code replaces the old one"
    );

    let list =
        tokio::task::block_in_place(|| run(&mut ticketgram(&dir, &telegram, &["desk", "list"])));
    list.assert_success();
    assert!(
        list.stdout
            .contains("bakery-lyon\tbakery-lyon support\t@bakery_lyon_bot\t0\t0"),
        "{}",
        list.dump()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bot_serves_one_desk_and_a_refused_token_makes_no_desk() {
    let telegram = TelegramSandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let dir = Sandbox::new();
    let bakery = DeskInTelegram::open(telegram.world(), "bakery-lyon");
    create_desk(&dir, &telegram, &bakery);

    let taken = tokio::task::block_in_place(|| {
        run(&mut ticketgram(
            &dir,
            &telegram,
            &[
                "desk",
                "create",
                "--slug",
                "florist-lyon",
                "--name",
                "Florist",
                "--bot-token",
                &bakery.bot.token,
            ],
        ))
    });
    assert_eq!(taken.code, Some(1), "{}", taken.dump());
    assert!(
        taken
            .stderr
            .contains("@bakery_lyon_bot is the bot of desk \"bakery-lyon\""),
        "{}",
        taken.dump()
    );

    let refused = tokio::task::block_in_place(|| {
        run(&mut ticketgram(
            &dir,
            &telegram,
            &[
                "desk",
                "create",
                "--slug",
                "books-riga",
                "--name",
                "Books",
                "--bot-token",
                "12345:AAnot-a-token-the-sandbox-knows-at-all",
            ],
        ))
    });
    assert_eq!(refused.code, Some(1), "{}", refused.dump());
    assert!(
        refused.stderr.contains("Telegram refused the bot token"),
        "{}",
        refused.dump()
    );

    // The default desk (instance.workspace) keeps telegram.bot_token as its bot.
    let default = tokio::task::block_in_place(|| {
        run(&mut ticketgram(
            &dir,
            &telegram,
            &[
                "desk",
                "create",
                "--slug",
                "default",
                "--name",
                "Default",
                "--bot-token",
                &bakery.bot.token,
            ],
        ))
    });
    assert_eq!(default.code, Some(1), "{}", default.dump());
    assert!(
        default.stderr.contains("its bot is telegram.bot_token"),
        "{}",
        default.dump()
    );

    let list =
        tokio::task::block_in_place(|| run(&mut ticketgram(&dir, &telegram, &["desk", "list"])));
    assert!(!list.stdout.contains("florist-lyon"), "{}", list.dump());
    assert!(!list.stdout.contains("books-riga"), "{}", list.dump());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_operators_creating_the_same_desk_at_once_make_one_desk() {
    let telegram = TelegramSandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let dir = Sandbox::new();
    // The database exists first, so the two runs race on the desk, not on the migrations.
    tokio::task::block_in_place(|| run(&mut ticketgram(&dir, &telegram, &["migrate"])))
        .assert_success();
    let bikes = DeskInTelegram::open(telegram.world(), "bikes-porto");
    let args = [
        "desk",
        "create",
        "--slug",
        "bikes-porto",
        "--name",
        "Bikes",
        "--bot-token",
        &bikes.bot.token,
    ];
    let children: Vec<_> = (0..2)
        .map(|_| {
            ticketgram(&dir, &telegram, &args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = tokio::task::block_in_place(|| child.wait_with_output()).expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let list =
        tokio::task::block_in_place(|| run(&mut ticketgram(&dir, &telegram, &["desk", "list"])));
    assert_eq!(
        list.stdout.matches("bikes-porto\t").count(),
        1,
        "{}",
        list.dump()
    );
}

/// `http_addr=127.0.0.1:PORT` from the line saying the instance runs.
fn http_addr(line: &str) -> String {
    line.split_whitespace()
        .find_map(|word| word.strip_prefix("http_addr="))
        .unwrap_or_else(|| panic!("no http_addr in {line}"))
        .to_owned()
}

/// A token of `slug`'s desk for its API, as its admin makes one.
fn api_token(dir: &Sandbox, telegram: &TelegramSandbox, slug: &str) -> String {
    let args = [
        "api-token",
        "create",
        "--name",
        "story",
        "--scope",
        "tickets:read",
        "--scope",
        "reports:read",
        "--scope",
        "webhooks:manage",
    ];
    let out = tokio::task::block_in_place(|| {
        run(ticketgram(dir, telegram, &args).env("TICKETGRAM_WORKSPACE", slug))
    });
    out.assert_success();
    out.stdout
        .lines()
        .find(|l| l.starts_with("tg_"))
        .unwrap_or_else(|| panic!("no token in {}", out.dump()))
        .to_owned()
}

/// Webhook deliveries as integrations receive them: `/hooks/<slug>` is where the desk of that
/// slug was told to send its events.
#[derive(Clone, Default)]
struct Hooks(Arc<Mutex<Vec<(String, String)>>>);

impl Hooks {
    /// A receiver on 127.0.0.1; returns it and its base URL.
    async fn start() -> (Hooks, String) {
        async fn record(
            State(hooks): State<Hooks>,
            Path(slug): Path<String>,
            body: String,
        ) -> &'static str {
            hooks.0.lock().expect("hooks").push((slug, body));
            "ok"
        }
        let hooks = Hooks::default();
        let app = axum::Router::new()
            .route("/hooks/{slug}", axum::routing::post(record))
            .with_state(hooks.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        tokio::spawn(async move { axum::serve(listener, app).await });
        (hooks, url)
    }

    /// The bodies delivered for `slug`'s desk.
    fn of(&self, slug: &str) -> Vec<String> {
        let all = self.0.lock().expect("hooks");
        all.iter()
            .filter(|(to, _)| to == slug)
            .map(|(_, body)| body.clone())
            .collect()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_desks_in_one_serve_answer_their_own_clients_and_see_nothing_of_each_other() {
    let telegram = TelegramSandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let dir = Sandbox::new();
    let desks: Vec<DeskInTelegram> = fifty_desks()
        .iter()
        .map(|slug| DeskInTelegram::open(telegram.world(), slug))
        .collect();
    let codes: Vec<String> = desks
        .iter()
        .map(|desk| create_desk(&dir, &telegram, desk))
        .collect();
    // The default desk (instance.workspace) keeps the configured bot; it has no channel.
    let switchboard = telegram.world().create_bot("switchboard_bot");
    let mut serve = serve_cmd(&dir, &dir.path("desks.db"));
    serve
        .env("TICKETGRAM_TELEGRAM_API_URL", telegram.base_url().as_str())
        .env("TICKETGRAM_SECRET_KEY", SECRET_KEY)
        .env("TICKETGRAM_BOT_TOKEN", &switchboard.token)
        .env("TICKETGRAM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "127.0.0.1/32");
    let mut server = Server::start(&mut serve);
    let addr = http_addr(&wait_for(&mut server, "Ticketgram is running"));
    let http = reqwest::Client::new();

    // Every tenth desk has an integration: an API token and a webhook of its own.
    let (hooks, hooks_url) = Hooks::start().await;
    let mut integrated = Vec::new();
    for desk in desks.iter().step_by(10) {
        let token = api_token(&dir, &telegram, &desk.slug);
        let registered = http
            .post(format!("http://{addr}/api/v1/webhooks"))
            .bearer_auth(&token)
            .json(&json!({ "url": format!("{hooks_url}/hooks/{}", desk.slug), "events": [] }))
            .send()
            .await
            .expect("api");
        assert_eq!(registered.status().as_u16(), 201, "{}", desk.slug);
        integrated.push((desk, token));
    }

    // A desk's code means nothing to another desk's bot.
    desks[0].lead_tells_the_bot(&codes[1]);
    desks[0].lead_hears("not a valid setup code").await;
    // Each lead claims their own desk, then adds its bot to their channel and group.
    for (desk, code) in desks.iter().zip(&codes) {
        desk.lead_tells_the_bot(code);
    }
    for desk in &desks {
        desk.lead_hears("You are the owner of this desk now").await;
        desk.lead_adds_the_bot();
    }
    for desk in &desks {
        desk.lead_hears("is now the agents' discussion group").await;
    }

    // A client of each desk asks about their order; the desk's lead answers in the thread.
    let clients: Vec<_> = desks
        .iter()
        .map(|desk| desk.client(&format!("Client of {}", desk.slug)))
        .collect();
    for (desk, client) in desks.iter().zip(&clients) {
        desk.client_says(client, &format!("Is my order at {} ready?", desk.slug));
    }
    for (desk, client) in desks.iter().zip(&clients) {
        desk.client_gets(client, "Request").await;
        let card = desk.card_shows(&format!("Client of {}", desk.slug)).await;
        let thread = desk.thread_of(&card);
        desk.thread_shows(thread, &format!("Is my order at {} ready?", desk.slug))
            .await;
        desk.lead_comments(thread, &format!("Your order at {} is ready.", desk.slug));
    }
    for (desk, client) in desks.iter().zip(&clients) {
        desk.client_gets(client, &format!("Your order at {} is ready.", desk.slug))
            .await;
    }

    // Nothing of one desk shows in another's channel, group, lead's or client's chat.
    for (desk, client) in desks.iter().zip(&clients) {
        let shown = desk.everything_shown(&[client]);
        for other in desks.iter().filter(|o| o.slug != desk.slug) {
            assert!(
                !shown.contains(&other.slug),
                "{} shows something of {}:\n{shown}",
                desk.slug,
                other.slug
            );
        }
    }
    // Each of those leads signs in to the console with their desk's link: one console for all
    // desks, each session on its own desk.
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    for (desk, _) in &integrated {
        desk.lead_tells_the_bot("/login");
        let said = ticketgram_testkit::text_of(&desk.lead_hears("/login/").await);
        let link = said
            .split_whitespace()
            .find(|w| w.contains("/login/"))
            .expect("a sign-in link")
            .to_owned();
        let signed_in = browser
            .post(&link)
            .header("origin", format!("http://{addr}"))
            .send()
            .await
            .expect("sign in");
        let cookie = signed_in
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .unwrap_or_else(|| panic!("{}: no session from {link}", desk.slug))
            .to_owned();
        for page in ["/inbox", "/tickets/1000", "/reports"] {
            let shown = browser
                .get(format!("http://{addr}{page}"))
                .header("cookie", &cookie)
                .send()
                .await
                .expect("page")
                .text()
                .await
                .expect("page");
            if page != "/reports" {
                assert!(shown.contains(&desk.slug), "{} {page}: {shown}", desk.slug);
            }
            for other in desks.iter().filter(|o| o.slug != desk.slug) {
                assert!(
                    !shown.contains(&other.slug),
                    "{} {page} shows {}",
                    desk.slug,
                    other.slug
                );
            }
        }
    }

    // Each integration reads its own desk's ticket and report, and hears its own desk only.
    let today = chrono::Utc::now().date_naive();
    let (from, to) = (
        today.pred_opt().expect("day"),
        today.succ_opt().expect("day"),
    );
    for (desk, token) in &integrated {
        let get = |path: String| {
            let request = http
                .get(format!("http://{addr}/api/v1{path}"))
                .bearer_auth(token);
            async move {
                request
                    .send()
                    .await
                    .expect("api")
                    .json::<Value>()
                    .await
                    .expect("json")
            }
        };
        let listed = get("/tickets".into()).await.to_string();
        assert!(listed.contains(&desk.slug), "{}: {listed}", desk.slug);
        let report = get(format!("/reports?from={from}&to={to}")).await;
        assert_eq!(report["totals"]["created"], 1, "{}: {report:#}", desk.slug);
        let answer = format!("Your order at {} is ready.", desk.slug);
        let delivered = eventually(
            &format!("{}'s webhook to hear the answer", desk.slug),
            || async {
                let bodies = hooks.of(&desk.slug);
                bodies.iter().any(|b| b.contains(&answer)).then_some(bodies)
            },
        )
        .await;
        let seen = format!("{listed}\n{report}\n{}", delivered.join("\n"));
        for other in desks.iter().filter(|o| o.slug != desk.slug) {
            assert!(
                !seen.contains(&other.slug),
                "{} sees {}: {seen}",
                desk.slug,
                other.slug
            );
        }
    }
    let list =
        tokio::task::block_in_place(|| run(&mut ticketgram(&dir, &telegram, &["desk", "list"])));
    for desk in &desks {
        let line = format!("{0}\t{0} support\t@{1}\t1\t1", desk.slug, desk.bot.username);
        assert!(
            list.stdout.contains(&line),
            "{line:?} not in {}",
            list.dump()
        );
    }
    terminate(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_created_while_serve_runs_starts_without_a_restart() {
    let telegram = TelegramSandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let dir = Sandbox::new();
    tokio::task::block_in_place(|| run(&mut ticketgram(&dir, &telegram, &["migrate"])))
        .assert_success();
    let switchboard = telegram.world().create_bot("switchboard_bot");
    let mut serve = serve_cmd(&dir, &dir.path("desks.db"));
    serve
        .env("TICKETGRAM_TELEGRAM_API_URL", telegram.base_url().as_str())
        .env("TICKETGRAM_SECRET_KEY", SECRET_KEY)
        .env("TICKETGRAM_BOT_TOKEN", &switchboard.token);
    let mut server = Server::start(&mut serve);
    wait_for(&mut server, "Ticketgram is running");

    let hotel = DeskInTelegram::open(telegram.world(), "hotel-graz");
    let code = create_desk(&dir, &telegram, &hotel);
    wait_for(&mut server, "desk started desk=hotel-graz");
    hotel.lead_tells_the_bot(&code);
    hotel.lead_hears("You are the owner of this desk now").await;
    hotel.lead_adds_the_bot();
    hotel
        .lead_hears("is now the agents' discussion group")
        .await;
    let guest = hotel.client("Guest of hotel-graz");
    hotel.client_says(&guest, "Can I check in early?");
    let card = hotel.card_shows("Guest of hotel-graz").await;
    let thread = hotel.thread_of(&card);
    hotel.thread_shows(thread, "Can I check in early?").await;
    hotel.lead_comments(thread, "Yes, from 11 o'clock.");
    hotel.client_gets(&guest, "Yes, from 11 o'clock.").await;
    terminate(server);
}

/// What an idle `serve` costs: resident memory (`VmRSS`) and context switches per second
/// summed over its threads, after `settle` without any traffic.
fn idle_cost(pid: u32, settle: std::time::Duration) -> (u64, f64) {
    let switches = || -> u64 {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
            return 0;
        };
        tasks
            .filter_map(Result::ok)
            .filter_map(|t| std::fs::read_to_string(t.path().join("status")).ok())
            .flat_map(|status| {
                status
                    .lines()
                    .filter(|l| l.contains("ctxt_switches"))
                    .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                    .collect::<Vec<_>>()
            })
            .sum()
    };
    std::thread::sleep(settle);
    let window = std::time::Duration::from_secs(10);
    let before = switches();
    std::thread::sleep(window);
    let per_second = (switches() - before) as f64 / window.as_secs_f64();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    let rss_kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .expect("VmRSS");
    (rss_kib, per_second)
}

/// A measurement, not a check (docs/benchmarks.md, "Many desks"): the memory and wake-ups of
/// `serve` with 1 and with 50 idle desks besides the default one.
///
/// `cargo test -p ticketgram --test cli -- --ignored idle_desks_cost --nocapture`
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; prints figures"]
async fn idle_desks_cost() {
    for count in [1usize, 50] {
        for run_no in 1..=3 {
            let telegram = TelegramSandbox::start(SandboxConfig::default())
                .await
                .expect("sandbox");
            let dir = Sandbox::new();
            for slug in fifty_desks().iter().take(count) {
                let desk = DeskInTelegram::open(telegram.world(), slug);
                create_desk(&dir, &telegram, &desk);
            }
            let switchboard = telegram.world().create_bot("switchboard_bot");
            let mut serve = serve_cmd(&dir, &dir.path("desks.db"));
            serve
                .env("TICKETGRAM_TELEGRAM_API_URL", telegram.base_url().as_str())
                .env("TICKETGRAM_SECRET_KEY", SECRET_KEY)
                .env("TICKETGRAM_BOT_TOKEN", &switchboard.token);
            let mut server = Server::start(&mut serve);
            wait_for(&mut server, "Ticketgram is running");
            let pid = server.pid();
            let (rss_kib, switches) =
                tokio::task::block_in_place(|| idle_cost(pid, std::time::Duration::from_secs(20)));
            println!(
                "desks {count} run {run_no} rss_kib {rss_kib} context_switches_per_s {switches:.1}"
            );
            terminate(server);
        }
    }
}
