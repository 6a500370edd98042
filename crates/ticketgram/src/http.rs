//! The HTTP listener on `http.addr`: `GET /healthz` for load balancers and process monitors,
//! and in webhook mode the endpoint Telegram posts updates to; `serve` merges the web
//! console (`ticketgram_web::router`) into the same router.

use std::net::SocketAddr;
use std::time::Duration;

use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How long in-flight requests may take to finish on shutdown.
const DRAIN: Duration = Duration::from_secs(5);

/// `/healthz`, plus the webhook routes when there are any.
pub fn router(webhook: Option<Router>) -> Router {
    let health = Router::new().route("/healthz", get(|| async { "ok" }));
    match webhook {
        Some(webhook) => health.merge(webhook),
        None => health,
    }
}

/// A listening socket, bound before anything else starts so a taken port fails fast.
pub async fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    TcpListener::bind(addr).await
}

/// The running server.
pub struct HttpServer {
    /// The bound address (the real port when `http.addr` asked for port 0).
    pub addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl HttpServer {
    pub fn serve(listener: TcpListener, router: Router) -> std::io::Result<HttpServer> {
        let addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            // The peer address reaches handlers (the console throttles sign-ins per address).
            let service = router.into_make_service_with_connect_info::<SocketAddr>();
            let served = axum::serve(listener, service)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
            if let Err(error) = served {
                tracing::error!(%error, "the HTTP server stopped");
            }
        });
        tracing::info!(%addr, "HTTP server listening (GET /healthz)");
        Ok(HttpServer { addr, stop, task })
    }

    /// Stops accepting, lets in-flight requests finish (up to a few seconds), then returns.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let mut task = self.task;
        if tokio::time::timeout(DRAIN, &mut task).await.is_err() {
            task.abort();
        }
    }
}

/// The public URL Telegram should call: the configured base plus the bot's webhook path.
pub fn webhook_url(base: &url::Url, bot_id: i64) -> Result<url::Url, url::ParseError> {
    let path = ticketgram_relay::webhook::webhook_path(bot_id);
    url::Url::parse(&format!("{}{path}", base.as_str().trim_end_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_url_appends_the_bot_path_once() {
        for base in ["https://help.example.com", "https://help.example.com/"] {
            let url = webhook_url(&base.parse().unwrap(), 42).unwrap();
            assert_eq!(url.as_str(), "https://help.example.com/telegram/webhook/42");
        }
        let url = webhook_url(&"https://x.example/tg/".parse().unwrap(), 7).unwrap();
        assert_eq!(url.as_str(), "https://x.example/tg/telegram/webhook/7");
    }
}
