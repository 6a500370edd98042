//! What a Telegram message carries, in the domain's terms: text, and media references with
//! the receiving bot's file ids. Kinds we cannot relay are named so the client is told.

use teloxide_core::types::Message;
use ticketgram_domain::{MediaKind, MediaRef};

#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    pub text: Option<String>,
    pub media: Vec<MediaRef>,
}

impl Content {
    /// A short subject line for the ticket card: the first line of the text or caption.
    pub fn subject(&self) -> String {
        let source = self
            .text
            .as_deref()
            .or_else(|| self.media.first().and_then(|m| m.caption.as_deref()))
            .unwrap_or("");
        let first_line = source.lines().next().unwrap_or("").trim();
        let mut subject: String = first_line.chars().take(100).collect();
        if first_line.chars().count() > 100 {
            subject.push('…');
        }
        if subject.is_empty() {
            if let Some(media) = self.media.first() {
                subject = format!("[{}]", media.kind);
            }
        }
        subject
    }

    pub fn media_group_id(&self) -> Option<&str> {
        self.media.first().and_then(|m| m.media_group_id.as_deref())
    }
}

/// Extracts the content, or the name of the kind we cannot relay (polls, games, stories…).
pub fn extract(message: &Message) -> Result<Content, String> {
    let caption = message.caption().map(str::to_string);
    let group = message.media_group_id().map(|g| g.0.clone());
    let media = |kind: MediaKind,
                 file_id: &str,
                 unique: &str,
                 name: Option<&String>,
                 size: u32,
                 mime: Option<String>| {
        MediaRef {
            kind,
            file_id: Some(file_id.to_string()),
            file_unique_id: Some(unique.to_string()),
            file_name: name.cloned(),
            size: Some(size as i64),
            mime,
            caption: caption.clone(),
            media_group_id: group.clone(),
        }
    };
    let mime = |m: Option<&mime::Mime>| m.map(|m| m.to_string());
    let item = if let Some(text) = message.text() {
        return Ok(Content {
            text: Some(text.to_string()),
            media: vec![],
        });
    } else if let Some(sizes) = message.photo() {
        // Telegram sends every resolution; the last is the largest.
        let Some(photo) = sizes.last() else {
            return Err("photo".into());
        };
        media(
            MediaKind::Photo,
            &photo.file.id.0,
            &photo.file.unique_id.0,
            None,
            photo.file.size,
            Some("image/jpeg".into()),
        )
    } else if let Some(d) = message.document() {
        media(
            MediaKind::Document,
            &d.file.id.0,
            &d.file.unique_id.0,
            d.file_name.as_ref(),
            d.file.size,
            mime(d.mime_type.as_ref()),
        )
    } else if let Some(v) = message.video() {
        media(
            MediaKind::Video,
            &v.file.id.0,
            &v.file.unique_id.0,
            v.file_name.as_ref(),
            v.file.size,
            mime(v.mime_type.as_ref()),
        )
    } else if let Some(a) = message.audio() {
        media(
            MediaKind::Audio,
            &a.file.id.0,
            &a.file.unique_id.0,
            a.file_name.as_ref(),
            a.file.size,
            mime(a.mime_type.as_ref()),
        )
    } else if let Some(v) = message.voice() {
        media(
            MediaKind::Voice,
            &v.file.id.0,
            &v.file.unique_id.0,
            None,
            v.file.size,
            mime(v.mime_type.as_ref()),
        )
    } else if let Some(a) = message.animation() {
        media(
            MediaKind::Animation,
            &a.file.id.0,
            &a.file.unique_id.0,
            a.file_name.as_ref(),
            a.file.size,
            mime(a.mime_type.as_ref()),
        )
    } else if let Some(s) = message.sticker() {
        media(
            MediaKind::Sticker,
            &s.file.id.0,
            &s.file.unique_id.0,
            None,
            s.file.size,
            None,
        )
    } else if let Some(v) = message.video_note() {
        media(
            MediaKind::VideoNote,
            &v.file.id.0,
            &v.file.unique_id.0,
            None,
            v.file.size,
            None,
        )
    } else if let Some(l) = message.location() {
        MediaRef {
            kind: MediaKind::Location,
            file_id: None,
            file_unique_id: None,
            file_name: Some(format!("{:.6},{:.6}", l.latitude, l.longitude)),
            size: None,
            mime: None,
            caption: None,
            media_group_id: None,
        }
    } else if let Some(c) = message.contact() {
        MediaRef {
            kind: MediaKind::Contact,
            file_id: None,
            file_unique_id: None,
            file_name: Some(format!("{} {}", c.first_name, c.phone_number)),
            size: None,
            mime: None,
            caption: None,
            media_group_id: None,
        }
    } else {
        return Err(unsupported_kind(message));
    };
    Ok(Content {
        text: None,
        media: vec![item],
    })
}

fn unsupported_kind(message: &Message) -> String {
    if message.poll().is_some() {
        "poll".into()
    } else if message.dice().is_some() {
        "dice".into()
    } else if message.game().is_some() {
        "game".into()
    } else if message.venue().is_some() {
        "venue".into()
    } else if message.story().is_some() {
        "story".into()
    } else {
        "unknown".into()
    }
}
