//! The served OpenAPI document parses and lists every route the router serves.

use crate::harness::TestApi;
use ticketgram_api::routes::ENDPOINTS;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_lists_every_route_with_its_scope() {
    let api = TestApi::start().await;
    let response = api.http.get(api.url("/openapi.json")).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let text = response.text().await.unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).expect("the document is JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let documented: usize = paths
        .values()
        .map(|item| item.as_object().unwrap().len())
        .sum();
    assert_eq!(
        documented,
        ENDPOINTS.len(),
        "nothing documented that is not served"
    );
    for endpoint in ENDPOINTS {
        let op = &doc["paths"][endpoint.path][endpoint.verb.as_str()];
        assert!(
            op.is_object(),
            "{} {} is undocumented",
            endpoint.verb.as_str(),
            endpoint.path
        );
        match endpoint.scope {
            Some(scope) => assert_eq!(op["security"][0]["bearer"][0], scope.as_str()),
            None => assert_eq!(op["security"], serde_json::json!([])),
        }
        // Served: without a token a protected route answers 401, not 404/405.
        let path = endpoint
            .path
            .replace("{number}", "1")
            .replace("{telegram_user_id}", "1")
            .replace("{id}", "1");
        let method =
            reqwest::Method::from_bytes(endpoint.verb.as_str().to_uppercase().as_bytes()).unwrap();
        let status = api
            .http
            .request(method, api.url(&path))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        let expected = if endpoint.scope.is_some() { 401 } else { 200 };
        assert_eq!(
            status,
            expected,
            "{} {}",
            endpoint.verb.as_str(),
            endpoint.path
        );
    }
    api.stop().await;
}
