//! What a hostile client or site can do to the console: a client's SVG with a script in it
//! is only ever a sandboxed download; every page says what may run in it, who may frame it
//! and what may be cached; behind https the browser is held to https; a file over Telegram's
//! 20 MB download limit is explained, not a server error.

use crate::harness::{eventually, http, Console, Session};
use std::time::Duration;
use ticketgram_sandbox::{MediaKind, MediaUpload};

const SVG: &[u8] = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>fetch('/tickets/1000/reply',{method:'POST'})</script></svg>"#;
/// The first bytes of a PNG file: enough for the console to recognise one.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

async fn get(console: &Console, session: &Session, path: &str) -> reqwest::Response {
    http()
        .get(console.url(path))
        .header("cookie", &session.cookie)
        .send()
        .await
        .expect("request")
}

/// Waits until the ticket page links `count` files, and returns their links in page order.
async fn file_links(console: &Console, session: &Session, count: usize) -> Vec<String> {
    eventually(
        &format!("the ticket page to link {count} files"),
        || async {
            let page = get(console, session, "/tickets/1000")
                .await
                .text()
                .await
                .expect("page");
            let mut links: Vec<String> = page
                .match_indices("href=\"/files/")
                .map(|(at, _)| {
                    let rest = &page[at + 6..];
                    rest[..rest.find('"').expect("end of link")].to_string()
                })
                .collect();
            links.dedup();
            if links.len() >= count {
                Ok(links)
            } else {
                Err(page)
            }
        },
    )
    .await
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clients_svg_with_a_script_is_only_ever_a_sandboxed_download() {
    let console = Console::start().await;
    let anna = console.client("Anna");
    console.says(&anna, "My invoice is attached");
    console.client_gets(&anna, "#1000").await;
    let world = console.sandbox.world();
    // The client calls the SVG an image; a real picture follows, as a photo.
    world
        .user_sends_media(
            anna.user,
            anna.chat,
            MediaUpload {
                kind: MediaKind::Document,
                bytes: SVG.to_vec().into(),
                file_name: Some("invoice\".svg".into()),
                mime_type: Some("image/svg+xml".into()),
            },
            None,
        )
        .expect("svg");
    world
        .user_sends_photo(anna.user, anna.chat, PNG.to_vec(), None)
        .expect("photo");
    let kate = console.session(&console.agent).await;
    let links = file_links(&console, &kate, 2).await;
    let page = get(&console, &kate, "/tickets/1000")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        !page.contains(&format!("<img src=\"{}\"", links[0])),
        "an SVG is never put in an <img> on the page"
    );

    let svg = get(&console, &kate, &links[0]).await;
    assert_eq!(svg.status().as_u16(), 200);
    assert_eq!(header(&svg, "content-type"), "application/octet-stream");
    let disposition = header(&svg, "content-disposition");
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("filename=\"invoice_.svg\""),
        "{disposition}"
    );
    assert_eq!(header(&svg, "x-content-type-options"), "nosniff");
    assert_eq!(
        header(&svg, "content-security-policy"),
        "default-src 'none'; sandbox"
    );
    assert_eq!(
        &svg.bytes().await.expect("bytes")[..],
        SVG,
        "the file itself"
    );

    let png = get(&console, &kate, &links[1]).await;
    assert_eq!(header(&png, "content-type"), "image/png");
    assert!(header(&png, "content-disposition").starts_with("inline;"));
    assert_eq!(
        header(&png, "content-security-policy"),
        "default-src 'none'; sandbox"
    );
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_console_page_carries_the_security_headers() {
    let console = Console::start().await;
    let anna = console.client("Anna");
    console.says(&anna, "Hello");
    console.client_gets(&anna, "#1000").await;
    let kate = console.session(&console.agent).await;
    let adam = console.session(&console.admin).await;
    let nobody = Session {
        cookie: String::new(),
        csrf: String::new(),
    };
    let pages = [
        (&nobody, "/login", 200),
        (&nobody, "/inbox", 303),
        (&kate, "/inbox", 200),
        (&kate, "/tickets/1000", 200),
        (&kate, "/admin", 403),
        (&kate, "/tickets/999999", 404),
        (&adam, "/admin/templates", 200),
        (&adam, "/reports", 200),
        (&kate, "/static/live.js", 200),
    ];
    for (session, path, status) in pages {
        let r = get(&console, session, path).await;
        assert_eq!(r.status().as_u16(), status, "{path}");
        let csp = header(&r, "content-security-policy");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(header(&r, "referrer-policy"), "same-origin", "{path}");
        assert_eq!(header(&r, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header(&r, "cache-control"), "no-store", "{path}");
        assert!(
            r.headers().get("strict-transport-security").is_none(),
            "no HSTS over plain http"
        );
        if path.starts_with("/static/") {
            continue;
        }
        let html = r.text().await.expect("body");
        assert!(
            !html.contains("<script>") && !html.contains("<style") && !html.contains(" style="),
            "{path}: the policy would block inline script and style: {html}"
        );
    }
    for asset in ["/static/console.css", "/static/templates.js"] {
        assert_eq!(get(&console, &nobody, asset).await.status().as_u16(), 200);
    }
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_https_the_browser_keeps_to_https_and_cookies_are_secure() {
    let console = Console::start_with(|settings| {
        let poll = settings.poll_interval;
        *settings = ticketgram_web::WebSettings::new(Some("https://help.example.com".into()));
        settings.poll_interval = poll;
    })
    .await;
    let login = http()
        .get(console.url("/login"))
        .send()
        .await
        .expect("page");
    assert_eq!(
        header(&login, "strict-transport-security"),
        "max-age=31536000"
    );
    let link = console
        .store
        .write(async |tx| {
            tx.create_login_link(
                console.ws,
                console.agent.id,
                Duration::from_secs(600),
                chrono::Utc::now(),
            )
            .await
        })
        .await
        .expect("link");
    let signed = http()
        .post(console.url(&format!("/login/{link}")))
        .header("origin", "https://help.example.com")
        .send()
        .await
        .expect("sign in");
    assert_eq!(signed.status().as_u16(), 303);
    let cookie = header(&signed, "set-cookie");
    assert!(
        cookie.contains("; Secure") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_over_telegrams_download_limit_is_explained_not_a_server_error() {
    let console = Console::start().await;
    let anna = console.client("Anna");
    console.says(&anna, "Here is the recording");
    console.client_gets(&anna, "#1000").await;
    let big = vec![0u8; 20 * 1024 * 1024 + 1];
    console
        .sandbox
        .world()
        .user_sends_document(anna.user, anna.chat, big, "call.wav", None)
        .expect("document");
    let kate = console.session(&console.agent).await;
    let link = file_links(&console, &kate, 1).await.remove(0);
    let r = get(&console, &kate, &link).await;
    assert_eq!(r.status().as_u16(), 413);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("larger than 20 MB") && page.contains("thread in Telegram"),
        "{page}"
    );
    console.stop().await;
}
