//! A desk that receives its updates by webhook instead of long polling: the relay's webhook
//! route served on 127.0.0.1:0 and registered with the sandbox.

use ticketgram_telegram::Secret;

use crate::desk::TestDesk;

pub struct Webhook {
    /// The secret Telegram must present.
    pub secret: Secret,
    pub url: url::Url,
    server: tokio::task::JoinHandle<()>,
}

impl Webhook {
    pub(crate) fn stop(self) {
        self.server.abort();
    }
}

impl TestDesk {
    /// A desk that receives updates by webhook instead of long polling.
    pub async fn start_webhook() -> TestDesk {
        let mut desk = TestDesk::start().await;
        desk.stop_relay().await;
        let mut relay = desk.relay();
        relay.poll = false;
        let handle = relay.start();
        let secret = Secret::new("webhook-secret-123");
        let router = ticketgram_relay::webhook::router(
            desk.relay_desk(),
            secret.clone(),
            handle.updates_stored.clone(),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        let path = ticketgram_relay::webhook::webhook_path(desk.bot.id);
        let url: url::Url = format!("http://{addr}{path}").parse().expect("url");
        ticketgram_relay::webhook::register(&desk.telegram(), url.clone(), &secret)
            .await
            .expect("setWebhook");
        desk.relay = Some(handle);
        desk.webhook = Some(Webhook {
            secret,
            url,
            server,
        });
        desk
    }

    pub fn webhook(&self) -> &Webhook {
        self.webhook.as_ref().expect("webhook mode")
    }
}
