//! Button ids (Telegram `callback_data`, at most 64 bytes): `fl:` then a kind letter, the
//! step's tag and, for options, the option's token — e.g. `fl:o:1k3x9d:0r7c2a`, 20 bytes at
//! most.
//!
//! Tags and tokens are short hashes of what a button means rather than positions: the step's
//! id, and a menu option's target or a choice's value. Reordering options, editing labels or
//! adding steps keeps old keyboards working; a press naming a step the client is not at any
//! more is recognised as outdated instead of being applied to whatever is there now.
//! FNV-1a is written out here because std's hashers promise no stability across releases.

/// Every flow button id starts with this; the bot's other buttons do not.
pub const PREFIX: &str = "fl:";

/// Whether a callback's data is a flow button (give it to `advance` as `Input::Button`).
pub fn is_flow_button(data: &str) -> bool {
    data.starts_with(PREFIX)
}

/// A decoded press.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press<'a> {
    /// Always valid, whatever the step.
    Human,
    Back {
        step: &'a str,
    },
    Done {
        step: &'a str,
    },
    Yes {
        step: &'a str,
    },
    No {
        step: &'a str,
    },
    Option {
        step: &'a str,
        token: &'a str,
    },
}

impl Press<'_> {
    /// The tag of the step the button was made for (`None` for Human).
    pub fn step_tag(&self) -> Option<&str> {
        match self {
            Press::Human => None,
            Press::Back { step }
            | Press::Done { step }
            | Press::Yes { step }
            | Press::No { step }
            | Press::Option { step, .. } => Some(step),
        }
    }
}

pub(crate) fn human() -> String {
    format!("{PREFIX}h")
}

pub(crate) fn back(step_id: &str) -> String {
    format!("{PREFIX}b:{}", tag(step_id))
}

pub(crate) fn done(step_id: &str) -> String {
    format!("{PREFIX}d:{}", tag(step_id))
}

pub(crate) fn yes(step_id: &str) -> String {
    format!("{PREFIX}y:{}", tag(step_id))
}

pub(crate) fn no(step_id: &str) -> String {
    format!("{PREFIX}n:{}", tag(step_id))
}

/// `key`: a menu option's target step, or a choice option's value.
pub(crate) fn option(step_id: &str, key: &str) -> String {
    format!("{PREFIX}o:{}:{}", tag(step_id), tag(key))
}

pub fn decode(data: &str) -> Option<Press<'_>> {
    let rest = data.strip_prefix(PREFIX)?;
    let mut parts = rest.split(':');
    let kind = parts.next()?;
    let step = parts.next();
    let token = parts.next();
    if parts.next().is_some() {
        return None;
    }
    Some(match (kind, step, token) {
        ("h", None, None) => Press::Human,
        ("b", Some(step), None) => Press::Back { step },
        ("d", Some(step), None) => Press::Done { step },
        ("y", Some(step), None) => Press::Yes { step },
        ("n", Some(step), None) => Press::No { step },
        ("o", Some(step), Some(token)) => Press::Option { step, token },
        _ => return None,
    })
}

/// The short, stable hash of a step id or an option key: FNV-1a (32 bits) in base 36.
pub fn tag(text: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    let mut digits = [0u8; 7];
    let mut n = hash;
    let mut i = digits.len();
    loop {
        i -= 1;
        let d = (n % 36) as u8;
        digits[i] = if d < 10 { b'0' + d } else { b'a' + d - 10 };
        n /= 36;
        if n == 0 {
            break;
        }
    }
    String::from_utf8_lossy(&digits[i..]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_button_round_trips_and_fits_telegram() {
        let long = "a_step_id_that_is_much_longer_than_anyone_would_write_by_hand";
        for data in [
            human(),
            back(long),
            done(long),
            yes(long),
            no(long),
            option(long, "intellectual_property_and_a_long_value"),
        ] {
            assert!(data.len() <= 64, "{data}");
            assert!(is_flow_button(&data));
            assert!(decode(&data).is_some(), "{data}");
        }
        assert_eq!(
            decode(&option("dispute_type", "quality")),
            Some(Press::Option {
                step: &tag("dispute_type"),
                token: &tag("quality")
            })
        );
    }

    #[test]
    fn tags_are_stable_across_builds() {
        // Stored keyboards outlive releases: these values must never change.
        assert_eq!(tag(""), "ztntfp");
        assert_eq!(tag("welcome"), "b2cwkz");
        assert_ne!(tag("welcome"), tag("welcomf"));
    }

    #[test]
    fn foreign_or_forged_data_is_not_a_press() {
        for data in ["new", "fl:", "fl:x:1", "fl:o:1", "fl:h:1", "fl:b:1:2:3"] {
            assert_eq!(decode(data), None, "{data}");
        }
    }
}
