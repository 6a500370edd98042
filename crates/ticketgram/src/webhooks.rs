//! The outgoing-webhook worker as `serve` runs it: started with the relay, stopped before the
//! store closes so no delivery is left half-recorded.

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use ticketgram_api::webhooks::WebhookError;
use ticketgram_api::{DestinationPolicy, WebhookConfig, WebhookWorker};
use ticketgram_domain::WorkspaceId;
use ticketgram_relay::signals::Bell;
use ticketgram_store::{SealingKey, Store};

pub struct Webhooks {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Webhooks {
    /// `key` opens the endpoints' sealed signing secrets (the key that seals bot tokens);
    /// `wake` is the desk's bell for committed work, which lets an idle worker rest.
    pub fn start(
        store: &Store,
        ws: WorkspaceId,
        instance: String,
        destinations: DestinationPolicy,
        key: Option<SealingKey>,
        wake: &Bell,
    ) -> Result<Webhooks, WebhookError> {
        let mut config = WebhookConfig::new(instance);
        config.destinations = destinations;
        config.secret_key = key;
        let worker = WebhookWorker::new(store.clone(), vec![ws], config)?.wake_on(wake);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(worker.run(async {
            let _ = stopped.await;
        }));
        Ok(Webhooks { stop, task })
    }

    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}
