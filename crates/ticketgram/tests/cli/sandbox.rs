//! `ticketgram sandbox` serves a Telegram-shaped Bot API on the given address.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;

use crate::helpers::Sandbox;
use crate::serve::Server;

#[test]
fn sandbox_subcommand_answers_like_telegram_and_stops_on_sigterm() {
    let dir = Sandbox::new();
    let mut server = Server::start(&mut dir.cmd(&["sandbox", "--addr", "127.0.0.1:0"]));
    let line = server.wait_for("Telegram sandbox listening");
    let addr = line
        .split_whitespace()
        .find_map(|word| word.strip_prefix("addr="))
        .unwrap_or_else(|| panic!("no addr= in {line:?}"));

    let mut stream = TcpStream::connect(addr).expect("connect to the sandbox");
    write!(
        stream,
        "GET /bot1:unknown/getMe HTTP/1.0\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read response");
    // An unknown token gets Telegram's error shape, not a generic 404 page.
    assert!(response.contains("\"ok\":false"), "{response}");

    let (code, lines) = server.terminate();
    assert_eq!(code, Some(0), "{}", lines.join("\n"));
}
