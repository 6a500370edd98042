//! Deliveries are signed the Standard Webhooks way, so a captured one cannot be replayed, and
//! the signing secrets are sealed in the database.

use crate::harness::{TestApi, SECRET_KEY};
use crate::receiver::{register, Receiver};
use serde_json::json;
use ticketgram_api::webhooks::standard::{self, VerifyError};
use ticketgram_api::Scope;
use ticketgram_store::{NewWebhookEndpoint, SealingKey};

async fn open_ticket(api: &TestApi, token: &str) {
    let anna = api.client("Anna");
    let (status, created) = api
        .post(
            "/tickets",
            token,
            json!({ "client": { "telegram_user_id": anna.user, "first_name": "Anna" }, "text": "Payout stuck" }),
        )
        .await;
    assert_eq!(status, 201, "{created:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_captured_delivery_replayed_later_is_refused_by_the_receivers_check() {
    let api = TestApi::start().await;
    let token = api
        .token(&[Scope::WebhooksManage, Scope::TicketsWrite])
        .await;
    let (rx, url) = Receiver::start(0).await;
    register(&api, &token, &rx, &url, json!(["ticket.created"])).await;
    open_ticket(&api, &token).await;

    let seen = rx.until(|seen| !seen.is_empty()).await;
    let delivery = &seen[0];
    assert_eq!(
        delivery.standard,
        Ok(()),
        "the receiver verified it: {delivery:#?}"
    );
    assert_eq!(delivery.webhook_id, delivery.body["id"].as_str().unwrap());
    assert!(delivery.webhook_signature.starts_with("v1,"));

    // Someone who captured it sends it again six minutes later, byte for byte.
    let secret = rx.secret.lock().unwrap().clone();
    let sent_at: i64 = delivery.timestamp.parse().unwrap();
    let later = sent_at + 6 * 60;
    assert_eq!(
        standard::verify(
            &secret,
            &delivery.webhook_id,
            &delivery.timestamp,
            &delivery.webhook_signature,
            &delivery.raw,
            later
        ),
        Err(VerifyError::OutsideTolerance)
    );
    // Or with a fresh timestamp, which the signature does not cover.
    assert_eq!(
        standard::verify(
            &secret,
            &delivery.webhook_id,
            &later.to_string(),
            &delivery.webhook_signature,
            &delivery.raw,
            later
        ),
        Err(VerifyError::NoMatchingSignature)
    );
    // Within the documented five minutes the original still verifies (clocks differ a little).
    assert_eq!(
        standard::verify(
            &secret,
            &delivery.webhook_id,
            &delivery.timestamp,
            &delivery.webhook_signature,
            &delivery.raw,
            sent_at + 4 * 60
        ),
        Ok(())
    );
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_secrets_are_sealed_in_the_database() {
    let api = TestApi::start().await;
    let token = api
        .token(&[Scope::WebhooksManage, Scope::TicketsWrite])
        .await;
    let (rx, url) = Receiver::start(0).await;
    let hook = register(&api, &token, &rx, &url, json!([])).await;
    let secret = rx.secret.lock().unwrap().clone();
    let key_part = secret.trim_start_matches("whsec_");

    // What a database dump shows.
    let stored = api.store.webhook_endpoint(api.ws, hook).await.unwrap();
    assert!(stored.secret.starts_with("sealed:v1:"), "{}", stored.secret);
    assert!(!stored.secret.contains(key_part));

    // A new secret set through PATCH is sealed too.
    let rotated = standard::generate_secret();
    let (status, _) = api
        .call(
            reqwest::Method::PATCH,
            &format!("/webhooks/{hook}"),
            Some(&token),
            Some(json!({ "secret": rotated })),
        )
        .await;
    assert_eq!(status, 200);
    let stored = api.store.webhook_endpoint(api.ws, hook).await.unwrap();
    assert!(stored.secret.starts_with("sealed:v1:"));
    assert!(!stored.secret.contains(rotated.trim_start_matches("whsec_")));
    *rx.secret.lock().unwrap() = rotated;

    // The worker opens it to sign, so the receiver still verifies.
    open_ticket(&api, &token).await;
    let seen = rx.until(|seen| !seen.is_empty()).await;
    assert!(
        seen.iter().all(|r| r.standard.is_ok() && r.signature_ok),
        "{seen:#?}"
    );
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_an_earlier_version_stored_in_plain_text_is_sealed_and_still_signs() {
    let api = TestApi::start().await;
    let token = api
        .token(&[Scope::WebhooksManage, Scope::TicketsWrite])
        .await;
    let (rx, url) = Receiver::start(0).await;
    // The earlier versions' generated form, as they stored it.
    let old_secret = "whsec_5c0dd4d49ca89a1fabca7c8d1bc2dab41cf3a8b9e4f01234";
    let endpoint = api
        .store
        .write(async |tx| {
            tx.create_webhook_endpoint(
                api.ws,
                &NewWebhookEndpoint {
                    url,
                    secret: old_secret.into(),
                    events: vec![],
                    created_at: chrono::Utc::now(),
                },
            )
            .await
        })
        .await
        .unwrap();
    *rx.secret.lock().unwrap() = old_secret.into();

    // What the worker does when it starts after an upgrade.
    let key = SealingKey::derive(SECRET_KEY);
    api.store
        .write(async |tx| tx.seal_plain_webhook_secrets(&key).await)
        .await
        .unwrap();
    let stored = api
        .store
        .webhook_endpoint(api.ws, endpoint.id)
        .await
        .unwrap();
    assert!(stored.secret.starts_with("sealed:v1:"), "{}", stored.secret);
    assert!(!stored
        .secret
        .contains(old_secret.trim_start_matches("whsec_")));
    assert_eq!(
        api.store
            .write(async |tx| tx.seal_plain_webhook_secrets(&key).await)
            .await
            .unwrap(),
        0
    );

    // The receiver keeps its secret: nothing changes on its side.
    open_ticket(&api, &token).await;
    let seen = rx.until(|seen| !seen.is_empty()).await;
    assert!(
        seen.iter().all(|r| r.standard.is_ok() && r.signature_ok),
        "{seen:#?}"
    );
    api.stop().await;
}
