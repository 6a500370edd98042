//! A desk with its console: the shared kit's desk (a Telegram sandbox, a fresh SQLite
//! database, the relay) and the console's router on 127.0.0.1:0. Agents of every role, one of
//! them deactivated.

use std::sync::Arc;
use std::time::Duration;
use ticketgram_domain::{Agent, AgentRole, Priority};
use ticketgram_testkit::TestDesk;
use ticketgram_web::{WebSettings, WebState};

pub use ticketgram_testkit::{eventually, text_of, Client as TgClient, WAIT};

pub struct Console {
    /// The desk; its fields (`sandbox`, `store`, `ws`, `bot`, `group`) read through, as
    /// `console.store`.
    pub desk: TestDesk,
    pub base: String,
    /// Kate, an agent.
    pub agent: Agent,
    pub admin: Agent,
    pub owner: Agent,
    pub deactivated: Agent,
    /// The second desk of a console of two desks ([`Console::start_with_neighbour`]).
    pub neighbour: Option<ticketgram_domain::WorkspaceId>,
    server: tokio::task::JoinHandle<()>,
}

/// The desk's fields read as the console's own: `console.store`, `console.client_gets(..)`.
impl std::ops::Deref for Console {
    type Target = TestDesk;

    fn deref(&self) -> &TestDesk {
        &self.desk
    }
}

impl Console {
    pub async fn start() -> Console {
        Console::start_with(|_| {}).await
    }

    /// A console whose settings `tune` adjusts first (a public https URL, sign-in limits).
    pub async fn start_with(tune: impl FnOnce(&mut WebSettings)) -> Console {
        Console::start_on(None, None, tune).await
    }

    /// One console for two desks of the same database, as `serve` runs it: this desk and
    /// a neighbour desk called `slug` (no agents, no tickets yet).
    pub async fn start_with_neighbour(slug: &str) -> Console {
        Console::start_on(None, Some(slug), |_| {}).await
    }

    /// A console on a fresh PostgreSQL database of the `TEST_DATABASE_URL` server; `None`
    /// (with a notice) when no server is named.
    pub async fn start_on_postgres() -> Option<Console> {
        let database = ticketgram_testkit::TestDatabase::postgres().await?;
        Some(Console::start_on(Some(database), None, |_| {}).await)
    }

    async fn start_on(
        database: Option<ticketgram_testkit::TestDatabase>,
        neighbour: Option<&str>,
        tune: impl FnOnce(&mut WebSettings),
    ) -> Console {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let base = format!("http://{addr}");
        let console_url = base.clone();
        let setup = TestDesk::setup()
            .topics(&[("Payments", Priority::Normal)])
            .tune(move |config| config.console_url = Some(console_url.clone()));
        let desk = match database {
            Some(database) => setup.database(database),
            None => setup,
        }
        .start()
        .await;
        let agent = desk.kate.1.clone();
        let (_, admin) = desk.hire("Adam", AgentRole::Admin, Some("Adam")).await;
        let (_, owner) = desk.hire("Olga", AgentRole::Owner, Some("Olga")).await;
        let (_, deactivated) = desk.hire("Dora", AgentRole::Agent, Some("Dora")).await;
        desk.store
            .write(async |tx| tx.set_agent_active(desk.ws, deactivated.id, false).await)
            .await
            .expect("deactivate");
        let mut settings = WebSettings::new(Some(base.clone()));
        settings.poll_interval = Duration::from_millis(200);
        tune(&mut settings);
        let (router, neighbour) = match neighbour {
            None => (
                ticketgram_web::router(WebState {
                    desk: desk.relay_desk(),
                    telegram: desk.telegram(),
                    settings: Arc::new(settings),
                }),
                None,
            ),
            Some(slug) => {
                let other = desk.open_neighbour(slug).await;
                let home = desk.relay_desk();
                let mut config = home.config.clone();
                config.workspace = other;
                let next_door =
                    ticketgram_relay::Desk::new(home.store.clone(), home.t.clone(), config);
                let directory = ticketgram_relay::directory::DeskDirectory::of(home);
                directory.insert(next_door);
                let consoles = ticketgram_web::desks::Consoles::new(
                    directory,
                    desk.ws,
                    desk.telegram(),
                    Arc::new(settings),
                );
                (ticketgram_web::desks::router(consoles), Some(other))
            }
        };
        // With the peer address, as the binary serves it (sign-in throttling per address).
        let server = tokio::spawn(async move {
            let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
            let _ = axum::serve(listener, service).await;
        });
        Console {
            desk,
            base,
            agent,
            admin,
            owner,
            deactivated,
            neighbour,
            server,
        }
    }

    pub async fn stop(mut self) {
        self.server.abort();
        self.desk.stop_relay().await;
    }

    /// A session cookie and CSRF token for `agent`, as a sign-in would give.
    pub async fn session(&self, agent: &Agent) -> Session {
        let s = self
            .store
            .write(async |tx| {
                tx.create_web_session(
                    self.ws,
                    agent.id,
                    Duration::from_secs(3600),
                    chrono::Utc::now(),
                )
                .await
            })
            .await
            .expect("session");
        Session {
            cookie: format!("tg_session={}", s.token),
            csrf: s.csrf,
        }
    }

    /// The console's origin, as a browser on its pages sends it with a form post.
    pub fn origin(&self) -> &str {
        &self.base
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn client(&self, name: &str) -> TgClient {
        self.desk.client(name, "en")
    }
}

#[derive(Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

/// An HTTP client that never follows redirects, so tests see them.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// A signed-in page: status and body.
/// Posts a console form as the signed-in agent's browser does (CSRF token, no nonce: each
/// post is a new form); the status and the page.
pub async fn post(
    console: &Console,
    session: &Session,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let mut fields = vec![("csrf", session.csrf.as_str())];
    fields.extend_from_slice(form);
    let response = http()
        .post(console.url(path))
        .header("cookie", &session.cookie)
        .form(&fields)
        .send()
        .await
        .expect("post");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

pub async fn get(console: &Console, cookie: &str, path: &str) -> (u16, String) {
    let (status, _, body) = get_typed(console, cookie, path).await;
    (status, body)
}

/// A signed-in download: status, content type and body.
pub async fn get_typed(console: &Console, cookie: &str, path: &str) -> (u16, String, String) {
    let response = http()
        .get(console.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap_or_default().to_string())
        .unwrap_or_default();
    (status, kind, response.text().await.expect("body"))
}
