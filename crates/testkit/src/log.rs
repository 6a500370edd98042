//! Logs only when `TEST_LOG` is set, so a failing story can be replayed with the desk's own
//! view of it: `TEST_LOG=1` for the usual filter, or a filter of one's own
//! (`TEST_LOG=ticketgram_relay=trace`).

const USUAL: &str = "info,ticketgram_relay=debug,ticketgram_api=debug,ticketgram_web=debug";

pub fn init_test_log() {
    let Some(wanted) = std::env::var_os("TEST_LOG") else {
        return;
    };
    let wanted = wanted.to_string_lossy();
    let filter = if wanted.is_empty() || wanted == "1" {
        USUAL
    } else {
        &wanted
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_test_writer()
        .try_init();
}
