//! Where each key and list item of a definition is in its source text, so a problem found in
//! the parsed definition (`steps.dispute_type.ask.answer.choice[2].goto`) can name its line.
//!
//! It reads the source with the same YAML parser the deserializer uses (serde-saphyr's
//! `granit_parser`), event by event, keeping the path of the node being read: the positions
//! cannot disagree with what was deserialized, and JSON (flow-style YAML) is read the same way.
//! Duplicate keys are collected here too: the deserializer keeps the first and goes on, so one
//! save reports every duplicate rather than stopping at the first.

use serde_saphyr::granit_parser::{Event, Parser};
use std::collections::HashMap;

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A key written twice in one mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub path: String,
    pub at: Pos,
    pub first: Pos,
}

#[derive(Debug, Default)]
pub struct SourceMap {
    positions: HashMap<String, Pos>,
    duplicates: Vec<Duplicate>,
}

enum Frame {
    Map {
        /// `path`'s length where this mapping's keys are appended.
        base: usize,
        /// The full path of the key being read or just read, whose value comes next; `None`
        /// while a key is expected.
        key: Option<String>,
        /// Set while the key node itself is being read.
        reading_key: bool,
        seen: HashMap<String, Pos>,
    },
    Seq {
        base: usize,
        index: usize,
    },
}

impl SourceMap {
    /// Reads as far as the source parses; a syntax error is the deserializer's to report.
    pub fn build(source: &str) -> SourceMap {
        let mut builder = Builder {
            map: SourceMap::default(),
            path: String::new(),
            stack: Vec::new(),
        };
        for event in Parser::new_from_str(source) {
            let Ok((event, span)) = event else { break };
            let pos = Pos {
                line: span.start.line(),
                column: span.start.col() + 1,
            };
            match event {
                Event::Scalar(text, ..) => {
                    builder.begin(Some(&text), pos);
                    builder.done();
                }
                Event::Alias(_) => {
                    builder.begin(None, pos);
                    builder.done();
                }
                Event::MappingStart(..) => {
                    builder.begin(None, pos);
                    let base = builder.path.len();
                    builder.stack.push(Frame::Map {
                        base,
                        key: None,
                        reading_key: false,
                        seen: HashMap::new(),
                    });
                }
                Event::SequenceStart(..) => {
                    builder.begin(None, pos);
                    let base = builder.path.len();
                    builder.stack.push(Frame::Seq { base, index: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    builder.stack.pop();
                    builder.done();
                }
                _ => {}
            }
        }
        builder.map
    }

    /// The position of `path`, or of its nearest ancestor the source has (a missing key is
    /// reported where its parent is).
    pub fn locate(&self, path: &str) -> Option<Pos> {
        let mut path = path;
        loop {
            if let Some(pos) = self.positions.get(path) {
                return Some(*pos);
            }
            if path.is_empty() {
                return None;
            }
            let cut = path.rfind(['.', '[']).unwrap_or(0);
            path = &path[..cut];
        }
    }

    pub fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }
}

struct Builder {
    map: SourceMap,
    path: String,
    stack: Vec<Frame>,
}

impl Builder {
    /// A node starts: a mapping key, a mapping value, a list item or the document itself.
    fn begin(&mut self, scalar: Option<&str>, pos: Pos) {
        match self.stack.last_mut() {
            None => {
                self.map.positions.entry(String::new()).or_insert(pos);
            }
            Some(Frame::Map {
                key: key @ None,
                reading_key,
                seen,
                ..
            }) => {
                // A key. Complex (collection) keys do not occur in flows; they get a name that
                // matches nothing, so what is inside them cannot shadow real paths.
                let name = scalar.unwrap_or("?");
                *reading_key = true;
                let full = join(&self.path, name);
                if let Some(first) = seen.get(name) {
                    self.map.duplicates.push(Duplicate {
                        path: full.clone(),
                        at: pos,
                        first: *first,
                    });
                } else {
                    seen.insert(name.to_string(), pos);
                    self.map.positions.entry(full.clone()).or_insert(pos);
                }
                // The value that follows lives under the key's path.
                *key = Some(full);
            }
            Some(Frame::Map { key: Some(_), .. }) => {}
            Some(Frame::Seq { index, .. }) => {
                self.path.push_str(&format!("[{index}]"));
                self.map.positions.entry(self.path.clone()).or_insert(pos);
            }
        }
    }

    /// The node that began last at this level is complete.
    fn done(&mut self) {
        match self.stack.last_mut() {
            None => {}
            Some(Frame::Map {
                base,
                key,
                reading_key,
                ..
            }) => {
                if *reading_key {
                    *reading_key = false;
                    if let Some(full) = key {
                        self.path.clone_from(full);
                    }
                } else {
                    self.path.truncate(*base);
                    *key = None;
                }
            }
            Some(Frame::Seq { base, index }) => {
                self.path.truncate(*base);
                *index += 1;
            }
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "\
version: 1
steps:
  welcome:
    menu:
      text: {en: Hi}
      options:
        - label: {en: One}
          goto: one
        - label: {en: Two}
          goto: two
";

    #[test]
    fn keys_and_items_are_found_at_their_lines() {
        let map = SourceMap::build(YAML);
        assert_eq!(map.locate("version"), Some(Pos { line: 1, column: 1 }));
        assert_eq!(map.locate("steps.welcome").unwrap().line, 3);
        assert_eq!(map.locate("steps.welcome.menu.text.en").unwrap().line, 5);
        assert_eq!(
            map.locate("steps.welcome.menu.options[1]"),
            Some(Pos {
                line: 9,
                column: 11
            })
        );
        assert_eq!(
            map.locate("steps.welcome.menu.options[1].goto"),
            Some(Pos {
                line: 10,
                column: 11
            })
        );
    }

    #[test]
    fn a_missing_key_is_located_at_its_nearest_ancestor() {
        let map = SourceMap::build(YAML);
        assert_eq!(
            map.locate("steps.welcome.menu.human").unwrap().line,
            map.locate("steps.welcome.menu").unwrap().line
        );
        assert_eq!(map.locate("nothing.here").unwrap().line, 1);
    }

    #[test]
    fn json_is_located_too() {
        let json = "{\n  \"version\": 1,\n  \"steps\": {\n    \"a\": {\"message\": {\"text\": {\"en\": \"x\"}}}\n  }\n}\n";
        let map = SourceMap::build(json);
        assert_eq!(map.locate("version").unwrap().line, 2);
        assert_eq!(map.locate("steps.a.message.text.en").unwrap().line, 4);
    }

    #[test]
    fn a_key_written_twice_is_reported_with_both_places() {
        let map = SourceMap::build("steps:\n  a: 1\n  b: 2\n  a: 3\n");
        assert_eq!(
            map.duplicates(),
            &[Duplicate {
                path: "steps.a".into(),
                at: Pos { line: 4, column: 3 },
                first: Pos { line: 2, column: 3 },
            }]
        );
    }
}
