//! How a client's file is handed to a browser, decided from its bytes alone.
//!
//! The name and MIME type come from the client and prove nothing: an "image" may be SVG or
//! HTML with a script in it. Only PNG, JPEG, GIF and WebP, recognised by their magic bytes, are
//! shown inline (browsers decode them without running anything); every other file is a
//! download of `application/octet-stream`, which no browser renders.

/// A raster type browsers display without running anything, told by the file's first bytes.
pub fn safe_image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// Whether the client said a file is one of the safe raster types (enough to try showing it
/// on the ticket page: what is served is still decided by the bytes).
pub fn looks_like_safe_image(mime: Option<&str>) -> bool {
    matches!(
        mime,
        Some("image/png" | "image/jpeg" | "image/gif" | "image/webp")
    )
}

/// `Content-Type` and `Content-Disposition` for a file called `name`.
pub fn headers_for(bytes: &[u8], name: &str) -> (&'static str, String) {
    let filename = filename_params(name);
    match safe_image_type(bytes) {
        Some(mime) => (mime, format!("inline; {filename}")),
        None => (
            "application/octet-stream",
            format!("attachment; {filename}"),
        ),
    }
}

/// `filename="..."` in plain ASCII for old browsers, and `filename*=` (RFC 6266/8187) with the
/// real name percent-encoded. Neither can break out of the header or name a path: quotes,
/// backslashes, control characters and path separators are gone from both.
fn filename_params(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | '"') {
                '_'
            } else {
                c
            }
        })
        .take(150)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.');
    let cleaned = if cleaned.is_empty() { "file" } else { cleaned };
    let ascii: String = cleaned
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " ._-()[]+,".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = cleaned
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_raster_images_are_shown_inline() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(headers_for(png, "a.png").0, "image/png");
        assert!(headers_for(png, "a.png").1.starts_with("inline;"));
        assert_eq!(
            safe_image_type(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some("image/jpeg")
        );
        assert_eq!(safe_image_type(b"GIF89a..."), Some("image/gif"));
        assert_eq!(
            safe_image_type(b"RIFF\x10\0\0\0WEBPVP8 "),
            Some("image/webp")
        );
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        let (mime, disposition) = headers_for(svg, "cat.png");
        assert_eq!(mime, "application/octet-stream", "a name proves nothing");
        assert!(disposition.starts_with("attachment;"));
        assert_eq!(safe_image_type(b"<html><script>"), None);
        assert_eq!(safe_image_type(b""), None);
    }

    #[test]
    fn file_names_cannot_break_the_header_or_name_a_path() {
        let params = filename_params("../../etc/pass\"wd\r\nSet-Cookie: x=1");
        assert!(!params.contains('\r') && !params.contains('\n'), "{params}");
        assert!(!params.contains("../"), "{params}");
        assert_eq!(params.matches('"').count(), 2, "{params}");
        let params = filename_params("Счёт №5.pdf");
        assert!(params.starts_with("filename=\"____ _5.pdf\""), "{params}");
        assert!(params.contains("filename*=UTF-8''%D0%A1"), "{params}");
        assert_eq!(
            filename_params("..."),
            "filename=\"file\"; filename*=UTF-8''file"
        );
    }
}
