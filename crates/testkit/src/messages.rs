//! Reading the Bot API's messages (as the sandbox shows them, JSON) the way a person reads
//! a chat: the text, who sent it, its buttons.

use serde_json::Value;

/// The message's text, or its caption; empty for neither.
pub fn text_of(message: &Value) -> String {
    message
        .get("text")
        .or_else(|| message.get("caption"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

pub fn message_id(message: &Value) -> i64 {
    message["message_id"].as_i64().expect("message_id")
}

/// The messages `user` (a bot, usually) sent, in order.
pub fn sent_by(all: &[Value], user: i64) -> Vec<Value> {
    all.iter()
        .filter(|m| m.pointer("/from/id").and_then(Value::as_i64) == Some(user))
        .cloned()
        .collect()
}

/// The callback data of the inline button whose label contains `label`.
pub fn button_data(message: &Value, label: &str) -> Option<String> {
    message
        .pointer("/reply_markup/inline_keyboard")?
        .as_array()?
        .iter()
        .flat_map(|row| row.as_array().into_iter().flatten())
        .find(|b| b["text"].as_str().is_some_and(|t| t.contains(label)))
        .and_then(|b| b["callback_data"].as_str().map(str::to_string))
}

/// What a thread says, one entry per message as its author wrote it: a comment each, or the
/// lines of a joined comment without their times (a client's texts that waited for the
/// group's sending budget go out together, a line each, `14:02 text`).
pub fn said(thread: &[Value]) -> Vec<String> {
    thread
        .iter()
        .flat_map(|comment| {
            let text = text_of(comment);
            let lines: Vec<&str> = text.lines().collect();
            if lines.len() > 1 && lines.iter().all(|l| is_timed(l)) {
                lines.iter().map(|l| l[6..].to_string()).collect()
            } else {
                vec![text]
            }
        })
        .collect()
}

/// `14:02 …`: a line of a joined comment.
fn is_timed(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() > 6
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b':'
        && b[3..5].iter().all(u8::is_ascii_digit)
        && b[5] == b' '
}
