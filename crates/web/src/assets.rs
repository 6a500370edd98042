//! The console's stylesheet and scripts, compiled into the binary and served from `/static/`.
//!
//! They live in files rather than inline in the pages so the Content-Security-Policy can say
//! `script-src 'self'; style-src 'self'`: no inline script or style runs, whatever text a
//! client manages to get into a page.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const FILES: &[(&str, &str, &str)] = &[
    (
        "console.css",
        "text/css; charset=utf-8",
        include_str!("../static/console.css"),
    ),
    (
        "live.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/live.js"),
    ),
    (
        "templates.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/templates.js"),
    ),
];

pub async fn serve(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(file, _, _)| *file == name) {
        Some((_, mime, body)) => ([(header::CONTENT_TYPE, *mime)], *body).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
