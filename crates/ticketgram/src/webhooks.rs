//! The outgoing-webhook worker as `serve` runs it: started with the relay, stopped before the
//! store closes so no delivery is left half-recorded.

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use ticketgram_api::webhooks::WebhookError;
use ticketgram_api::{WebhookConfig, WebhookWorker};
use ticketgram_domain::WorkspaceId;
use ticketgram_store::Store;

pub struct Webhooks {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Webhooks {
    pub fn start(
        store: &Store,
        ws: WorkspaceId,
        instance: String,
    ) -> Result<Webhooks, WebhookError> {
        let worker = WebhookWorker::new(store.clone(), vec![ws], WebhookConfig::new(instance))?;
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
