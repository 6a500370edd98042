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

/// What last session's schemathesis run found the document leaving out, now stated in it; the
/// contract test (`ticketgram` crate, `cli contract`) checks the server against all of it.
#[test]
fn the_document_states_the_rules_the_server_enforces() {
    use ticketgram_api::routes::Verb;
    let doc = ticketgram_api::openapi::document();
    for endpoint in ENDPOINTS.iter().filter(|e| e.scope.is_some()) {
        let op = &doc["paths"][endpoint.path][endpoint.verb.as_str()];
        let label = format!("{} {}", endpoint.verb.as_str(), endpoint.path);
        let answers = op["responses"].as_object().unwrap();
        for status in ["401", "403", "404", "422"] {
            assert!(answers.contains_key(status), "{label} omits {status}");
        }
        let reads_input = endpoint.request.is_some()
            || !endpoint.query.is_empty()
            || endpoint.path.contains('{')
            || endpoint.verb == Verb::Post;
        assert_eq!(answers.contains_key("400"), reads_input, "{label}: 400");
        assert_eq!(
            answers.contains_key("409"),
            endpoint.verb != Verb::Get,
            "{label}: 409"
        );
        if let Some(request) = endpoint.request {
            assert_eq!(
                doc["components"]["schemas"][request]["additionalProperties"], false,
                "{label}: unknown fields are refused, so the body says so"
            );
        }
    }
    let schemas = &doc["components"]["schemas"];
    let param = |path: &str, verb: &str, name: &str| {
        doc["paths"][path][verb]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{verb} {path} has no {name}"))
            .clone()
    };
    let limit = param("/tickets", "get", "limit");
    assert_eq!(
        (
            limit["schema"]["minimum"].as_i64(),
            limit["schema"]["maximum"].as_i64()
        ),
        (Some(1), Some(100))
    );
    for day in ["from", "to"] {
        assert_eq!(param("/reports", "get", day)["required"], true, "{day}");
    }
    let status = param("/tickets", "get", "status");
    assert_eq!(
        (status["style"].as_str(), status["explode"].as_bool()),
        (Some("form"), Some(false))
    );
    let user = param("/clients/{telegram_user_id}", "get", "telegram_user_id");
    assert_eq!(user["schema"]["minimum"], 1);
    assert_eq!(
        schemas["NewTicket"]["properties"]["client"]["properties"]["telegram_user_id"]["minimum"],
        1
    );
    let number = param("/tickets/{number}", "get", "number");
    assert_eq!(number["schema"]["maximum"].as_i64(), Some(i64::MAX));
    assert!(schemas["NewReply"]["properties"]["text"]["pattern"].is_string());
    let key = param("/tickets", "post", "Idempotency-Key");
    assert_eq!(key["schema"]["pattern"], "^[!-~]{1,255}$");
}
