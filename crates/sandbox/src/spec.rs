//! The Bot API reference (`bot-api.json`), compiled in and indexed once.
//!
//! The sandbox treats this file as the single source of truth: requests are checked against
//! `methods`, and everything the sandbox emits is checked against `types`. Compiling it in
//! means neither tests nor the standalone server depend on a working directory.
//!
//! The copy in `crates/sandbox/spec/` is the project's own, so a clone builds anywhere; a test
//! compares it with `../shared/telegram/bot-api.json` when that reference is present, so an
//! updated reference cannot drift away unnoticed.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

const SPEC_JSON: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/bot-api.json"));

/// One parameter of a method or one field of a type.
#[derive(Debug, Clone, Deserialize)]
pub struct Field {
    pub name: String,
    pub types: Vec<String>,
    pub required: bool,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Method {
    pub name: String,
    pub returns: Vec<String>,
    #[serde(default)]
    pub fields: Vec<Field>,
}

impl Method {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct TypeDef {
    pub name: String,
    #[serde(default)]
    pub fields: Vec<Field>,
    #[serde(default)]
    pub subtypes: Vec<String>,
    #[serde(default)]
    pub subtype_of: Vec<String>,
    /// `(field, constant)` when the reference says a field is "always X" / "must be X": that
    /// constant is what tells one subtype of a union (e.g. `ChatMember`) from another.
    #[serde(skip)]
    pub discriminator: Option<(String, String)>,
}

#[derive(Debug, Deserialize)]
struct RawSpec {
    version: String,
    methods: HashMap<String, Method>,
    types: HashMap<String, TypeDef>,
}

/// The indexed reference. Method names are looked up case-insensitively, as Telegram does.
#[derive(Debug)]
pub struct Spec {
    pub version: String,
    methods: HashMap<String, Method>,
    types: HashMap<String, TypeDef>,
}

impl Spec {
    /// The process-wide index. It is immutable data, so sharing one copy is safe for tests that
    /// run side by side.
    pub fn get() -> &'static Spec {
        static SPEC: OnceLock<Spec> = OnceLock::new();
        SPEC.get_or_init(|| {
            Spec::parse(SPEC_JSON).expect("bot-api.json compiled into the sandbox is valid")
        })
    }

    fn parse(json: &str) -> Result<Spec, serde_json::Error> {
        let raw: RawSpec = serde_json::from_str(json)?;
        let methods = raw
            .methods
            .into_values()
            .map(|m| (m.name.to_ascii_lowercase(), m))
            .collect();
        let types = raw
            .types
            .into_iter()
            .map(|(name, mut t)| {
                if !t.subtype_of.is_empty() {
                    t.discriminator = t
                        .fields
                        .first()
                        .and_then(|f| constant_in(&f.description).map(|c| (f.name.clone(), c)));
                }
                (name, t)
            })
            .collect();
        Ok(Spec {
            version: raw.version,
            methods,
            types,
        })
    }

    /// The `User` fields the reference marks "Returned only in getMe." (`can_join_groups`,
    /// `supports_inline_queries`, ...): what getMe answers besides the bot's own `User`.
    pub fn get_me_only_fields(&self) -> Vec<&str> {
        self.type_def("User")
            .into_iter()
            .flat_map(|user| &user.fields)
            .filter(|f| f.description.contains("Returned only in getMe"))
            .map(|f| f.name.as_str())
            .collect()
    }

    pub fn method(&self, name: &str) -> Option<&Method> {
        self.methods.get(&name.to_ascii_lowercase())
    }

    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.get(name)
    }
}

/// Extracts `x` from descriptions such as `always "x"`, `always “x”` or `must be x`.
fn constant_in(description: &str) -> Option<String> {
    for marker in ["always ", "must be "] {
        if let Some(pos) = description.find(marker) {
            let rest = &description[pos + marker.len()..];
            let rest = rest.trim_start_matches(['"', '“']);
            let word: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !word.is_empty() {
                return Some(word);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_finds_methods_case_insensitively_and_discriminators() {
        let spec = Spec::get();
        assert!(spec.method("SENDMESSAGE").is_some());
        let owner = spec.type_def("ChatMemberOwner").unwrap();
        assert_eq!(
            owner.discriminator,
            Some(("status".to_owned(), "creator".to_owned()))
        );
        let photo = spec.type_def("InputMediaPhoto").unwrap();
        assert_eq!(
            photo.discriminator,
            Some(("type".to_owned(), "photo".to_owned()))
        );
    }
}

#[cfg(test)]
mod vendored_copy {
    /// The shared reference beside the repository, when this checkout has one.
    #[test]
    fn matches_the_shared_reference_when_present() {
        let shared = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/telegram/bot-api.json"
        );
        match std::fs::read_to_string(shared) {
            Ok(reference) => assert!(
                reference == super::SPEC_JSON,
                "crates/sandbox/spec/bot-api.json differs from shared/telegram/bot-api.json: copy the new one in"
            ),
            Err(_) => eprintln!("no shared/telegram/bot-api.json beside the repository; vendored copy not compared"),
        }
    }
}
