//! The published JSON Schema is the one the types generate: it cannot drift from the parser.

use std::path::Path;

#[test]
fn the_committed_schema_is_the_generated_one() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/flows.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = ticketgram_flows::schema::json_schema();
    assert!(
        committed == generated,
        "docs/flows.schema.json is out of date; regenerate it with\n  \
         cargo run -q -p ticketgram-flows --example schema > docs/flows.schema.json"
    );
}

#[test]
fn the_schema_describes_every_step_kind() {
    let schema: serde_json::Value =
        serde_json::from_str(&ticketgram_flows::schema::json_schema()).unwrap();
    let text = schema.to_string();
    for kind in [
        "menu",
        "ask",
        "lookup",
        "knowledge",
        "message",
        "hand_off",
        "action",
    ] {
        assert!(text.contains(&format!("\"{kind}\"")), "{kind}");
    }
    assert_eq!(schema["title"], "FlowDefinition");
}
