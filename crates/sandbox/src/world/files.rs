//! Stored files: real bytes behind per-bot file_ids.

use bytes::Bytes;
use serde_json::{json, Value};

use super::state::{MediaKind, StoredFile, WorldState};
use crate::error::ApiError;
use crate::params::Params;

/// Bots may download files of at most 20 MB through getFile.
pub const MAX_DOWNLOAD: usize = 20 * 1024 * 1024;

impl WorldState {
    /// Stores new bytes and returns the file's unique id.
    pub fn store_file(
        &mut self,
        kind: MediaKind,
        bytes: Bytes,
        file_name: Option<String>,
        mime: Option<String>,
    ) -> String {
        let n = self.next_file;
        self.next_file += 1;
        let unique_id = format!("AgADfile{n:06}");
        let ext = file_name
            .as_deref()
            .and_then(|f| f.rsplit_once('.').map(|(_, e)| e.to_owned()))
            .unwrap_or_else(|| kind.default_extension().to_owned());
        let path = format!("{}s/file_{n}.{ext}", kind.field());
        self.file_paths.insert(path.clone(), unique_id.clone());
        self.files.insert(
            unique_id.clone(),
            StoredFile {
                unique_id: unique_id.clone(),
                kind,
                bytes,
                file_name,
                mime,
                path,
            },
        );
        unique_id
    }

    /// Resolves an InputFile reference sent by `bot`: an `attach://` upload or one of the
    /// bot's own file_ids. Another bot's file_id is refused, as Telegram does.
    pub fn resolve_input_file(
        &mut self,
        bot: i64,
        kind: MediaKind,
        reference: &str,
        params: &Params,
    ) -> Result<String, ApiError> {
        if let Some(name) = reference.strip_prefix("attach://") {
            let upload = params.uploads.get(name).ok_or_else(|| {
                ApiError::bad_request(format!("file {name} not found in the request"))
            })?;
            if upload.bytes.is_empty() {
                return Err(ApiError::bad_request("file must be non-empty"));
            }
            return Ok(self.store_file(
                kind,
                upload.bytes.clone(),
                upload.file_name.clone(),
                upload.mime.clone(),
            ));
        }
        let (owner, unique) =
            WorldState::parse_file_id(reference).ok_or_else(ApiError::wrong_file_id)?;
        if owner != bot || !self.files.contains_key(unique) {
            return Err(ApiError::wrong_file_id());
        }
        Ok(unique.to_owned())
    }

    /// The message field for a stored file (`photo` is an array of sizes, the rest objects).
    /// `file_id` is left empty: it is filled per bot when rendered.
    pub fn media_json(&self, unique: &str, params: Option<&Params>) -> Option<(String, Value)> {
        let file = self.files.get(unique)?;
        let size = file.bytes.len();
        let int = |name: &str, default: i64| params.and_then(|p| p.i64(name)).unwrap_or(default);
        let mut v = json!({"file_id": "", "file_unique_id": file.unique_id, "file_size": size});
        match file.kind {
            MediaKind::Photo => {
                v["width"] = json!(1280);
                v["height"] = json!(720);
                return Some(("photo".to_owned(), json!([v])));
            }
            MediaKind::Video | MediaKind::Animation => {
                v["width"] = json!(int("width", 640));
                v["height"] = json!(int("height", 360));
                v["duration"] = json!(int("duration", 1));
            }
            MediaKind::Audio | MediaKind::Voice => {
                v["duration"] = json!(int("duration", 1));
            }
            MediaKind::VideoNote => {
                v["length"] = json!(int("length", 240));
                v["duration"] = json!(int("duration", 1));
            }
            MediaKind::Sticker => {
                v["type"] = json!("regular");
                v["width"] = json!(512);
                v["height"] = json!(512);
                v["is_animated"] = json!(false);
                v["is_video"] = json!(false);
            }
            MediaKind::Document => {}
        }
        let named = matches!(
            file.kind,
            MediaKind::Document | MediaKind::Video | MediaKind::Audio | MediaKind::Animation
        );
        if named {
            if let Some(name) = &file.file_name {
                v["file_name"] = json!(name);
            }
        }
        if file.kind != MediaKind::Sticker {
            if let Some(mime) = &file.mime {
                v["mime_type"] = json!(mime);
            }
        }
        Some((file.kind.field().to_owned(), v))
    }
}
