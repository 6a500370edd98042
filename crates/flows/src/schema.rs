//! The JSON Schema of the definition format, generated from the serde types so it cannot
//! drift from what the parser accepts. The published copy is `docs/flows.schema.json`; a test
//! fails when it differs from this. Regenerate it with
//! `cargo run -q -p ticketgram-flows --example schema > docs/flows.schema.json`.

use crate::definition::FlowDefinition;

/// The schema as pretty-printed JSON, ending with a newline.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(FlowDefinition);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
