//! What the staff bots share with everything else: their button prefixes (so the client bot's
//! and the channel's callbacks never collide with them) and how a `/command` is read.

/// Callback data of settings-bot buttons starts with this.
pub const SETTINGS_BUTTON: &str = "s/";
/// Callback data of manager-bot buttons starts with this.
pub const MANAGER_BUTTON: &str = "m/";

pub fn is_staff_button(data: &str) -> bool {
    data.starts_with(SETTINGS_BUTTON) || data.starts_with(MANAGER_BUTTON)
}

/// A bot command: `/transfer 1042` is `name: "transfer", args: "1042"`. The `@botname`
/// suffix Telegram adds when several bots share a chat is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command<'a> {
    pub name: &'a str,
    pub args: &'a str,
}

impl<'a> Command<'a> {
    pub fn parse(text: &'a str) -> Option<Command<'a>> {
        let rest = text.trim_start().strip_prefix('/')?;
        let (head, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let name = head.split('@').next().unwrap_or("");
        let is_name =
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        is_name.then(|| Command {
            name,
            args: args.trim(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_lose_the_bot_suffix_and_keep_their_arguments() {
        let c = Command::parse("/transfer@desk_bot  1042 ").unwrap();
        assert_eq!((c.name, c.args), ("transfer", "1042"));
        let c = Command::parse("/my").unwrap();
        assert_eq!((c.name, c.args), ("my", ""));
        assert_eq!(Command::parse("hello /my"), None);
        assert_eq!(Command::parse("/"), None);
        assert_eq!(Command::parse("/etc/hosts"), None);
    }

    #[test]
    fn staff_buttons_are_told_apart_from_client_buttons() {
        assert!(is_staff_button("s/agents"));
        assert!(is_staff_button("m/ticket:5"));
        assert!(!is_staff_button("t:5"));
        assert!(!is_staff_button("sw:5"));
    }
}
