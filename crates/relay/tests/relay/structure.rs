//! The relay's modules form layers: each depends only on modules below it, so a reader can
//! understand one without the ones above it, and a change ripples one way. A module that
//! reaches up (the desk needing the delivery code, a bot needing the action that needs the
//! bot) fails here, naming the cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level module of each source file, and the crate modules it names.
fn dependencies(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(src).expect("under src");
            let first = relative.components().next().expect("a component");
            let module = first
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            if module == "lib" {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read file");
            let uses = graph.entry(module.clone()).or_default();
            for line in text.lines() {
                let code = line.split("//").next().unwrap_or("");
                for (at, _) in code.match_indices("crate::") {
                    let rest = &code[at + "crate::".len()..];
                    if let Some(group) = rest.strip_prefix('{') {
                        // `use crate::{a, b::c}` on one line.
                        for part in group.split([',', '}']) {
                            uses.insert(first_name(part.trim()));
                        }
                    } else {
                        uses.insert(first_name(rest));
                    }
                }
            }
            uses.remove(&module);
        }
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for uses in graph.values_mut() {
        uses.retain(|m| modules.contains(m));
    }
    graph
}

fn first_name(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// A path from `to` back to `from`, if `from -> to` closes a cycle.
fn path_back(
    graph: &BTreeMap<String, BTreeSet<String>>,
    from: &str,
    to: &str,
) -> Option<Vec<String>> {
    let mut seen = BTreeSet::new();
    let mut queue = vec![(to.to_string(), vec![to.to_string()])];
    while let Some((at, path)) = queue.pop() {
        if at == from {
            return Some(path);
        }
        if !seen.insert(at.clone()) {
            continue;
        }
        for next in graph.get(&at).into_iter().flatten() {
            let mut longer = path.clone();
            longer.push(next.clone());
            queue.push((next.clone(), longer));
        }
    }
    None
}

#[test]
fn the_relays_modules_depend_on_each_other_one_way_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = dependencies(&src);
    assert!(graph.len() > 10, "modules found: {:?}", graph.keys());
    let mut cycles = vec![];
    for (module, uses) in &graph {
        for used in uses {
            if let Some(back) = path_back(&graph, module, used) {
                cycles.push(format!("{module} -> {}", back.join(" -> ")));
            }
        }
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
    // The desk is the floor every handler stands on: it knows no handler.
    let desk = &graph["desk"];
    for handler in [
        "client_bot",
        "agents",
        "manager_bot",
        "settings_bot",
        "staff",
        "actions",
    ] {
        assert!(!desk.contains(handler), "desk depends on {handler}");
    }
}
