//! Prints the flow definition's JSON Schema:
//! `cargo run -q -p ticketgram-flows --example schema > docs/flows.schema.json`.

fn main() {
    print!("{}", ticketgram_flows::schema::json_schema());
}
