//! The flows Ticketgram ships validate cleanly: no errors and no warnings.

use ticketgram_flows::{builtin, validate};

#[test]
fn the_shipped_flows_have_no_problem_at_all() {
    for (name, source) in builtin::ALL {
        let problems = validate(source);
        let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(problems.is_empty(), "{name}.yaml:\n{}", listed.join("\n"));
    }
    assert!(builtin::default_flow().is_ok());
    assert!(builtin::marketplace_flow().is_ok());
}
