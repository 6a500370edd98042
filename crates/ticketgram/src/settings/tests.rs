use std::path::Path;

use super::keys::KEYS;
use super::*;

const TOKEN: &str = "123456789:AAHsecretSECRETsecret_-xyz";

fn load_with(file: Option<&str>, env: &[(&str, &str)]) -> Result<Loaded, SettingsError> {
    let dir = tempfile::tempdir().unwrap();
    if let Some(text) = file {
        std::fs::write(dir.path().join(DEFAULT_CONFIG_FILE), text).unwrap();
    }
    Settings::load(LoadOptions {
        working_dir: Some(dir.path()),
        env: env.iter().copied().collect(),
        ..LoadOptions::default()
    })
}

#[test]
fn built_in_defaults_are_the_documented_ones() {
    let loaded = load_with(None, &[]).unwrap();
    let s = &loaded.settings;
    assert_eq!(s.database.url.expose(), "sqlite://ticketgram.db");
    assert_eq!(s.telegram.api_url.as_str(), "https://api.telegram.org/");
    assert_eq!(s.http.addr.to_string(), "127.0.0.1:8080");
    assert_eq!(s.log.format, LogFormat::Pretty);
    assert_eq!(s.instance.workspace, "default");
    assert_eq!(s.telegram.poll_timeout_secs, 10);
    assert_eq!(s.desk.channel_id, None);
    assert_eq!(s.desk.group_id, None);
    assert_eq!(s.desk.note_prefix, "//");
    assert_eq!(s.desk.agent_language, ticketgram_domain::Language::En);
    assert!(s.is_demo());
    assert!(loaded.file.is_none());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn env_beats_file_beats_default() {
    let file = "[http]\naddr = \"0.0.0.0:9000\"\n[log]\nformat = \"json\"\n";
    let loaded = load_with(Some(file), &[("TICKETGRAM_HTTP_ADDR", "127.0.0.1:9999")]).unwrap();
    assert_eq!(loaded.settings.http.addr.to_string(), "127.0.0.1:9999");
    assert_eq!(loaded.settings.log.format, LogFormat::Json);
    let shown = loaded.render();
    assert!(
        shown.contains("environment variable TICKETGRAM_HTTP_ADDR"),
        "{shown}"
    );
    assert!(shown.contains("format = \"json\""), "{shown}");
    assert!(shown.contains("built-in default"), "{shown}");
}

#[test]
fn flag_beats_env() {
    let loaded = Settings::load(LoadOptions {
        working_dir: Some(Path::new("/nonexistent")),
        env: [("TICKETGRAM_LOG_FORMAT", "json")].into_iter().collect(),
        log_format: Some(LogFormat::Pretty),
        ..LoadOptions::default()
    })
    .unwrap();
    assert_eq!(loaded.settings.log.format, LogFormat::Pretty);
    assert!(loaded.render().contains("command-line flag --log-format"));
}

#[test]
fn ticketgram_database_url_beats_plain_database_url() {
    let env = [
        ("DATABASE_URL", "postgres://a/one"),
        ("TICKETGRAM_DATABASE_URL", "postgres://a/two"),
    ];
    let loaded = load_with(None, &env).unwrap();
    assert_eq!(loaded.settings.database.url.expose(), "postgres://a/two");
    let loaded = load_with(None, &env[..1]).unwrap();
    assert_eq!(loaded.settings.database.url.expose(), "postgres://a/one");
}

#[test]
fn secrets_never_appear_in_debug_or_render() {
    let env = [
        ("TICKETGRAM_BOT_TOKEN", TOKEN),
        ("TICKETGRAM_WEBHOOK_URL", "https://h.example/hook"),
        ("TICKETGRAM_WEBHOOK_SECRET", "whsecretvalue"),
        (
            "TICKETGRAM_SECRET_KEY",
            "0123456789abcdef0123456789abcdefKEY",
        ),
        (
            "TICKETGRAM_DATABASE_URL",
            "postgres://tg:pgpassword@db/tickets",
        ),
    ];
    let loaded = load_with(None, &env).unwrap();
    assert_eq!(
        loaded
            .settings
            .telegram
            .bot_token
            .as_ref()
            .unwrap()
            .expose(),
        TOKEN
    );
    for text in [
        format!("{:?}", loaded.settings),
        format!("{loaded:?}"),
        loaded.render(),
    ] {
        for secret in [
            TOKEN,
            "AAHsecret",
            "whsecretvalue",
            "abcdefKEY",
            "pgpassword",
        ] {
            assert!(!text.contains(secret), "{secret} leaked in:\n{text}");
        }
        assert!(text.contains(REDACTED));
    }
}

#[test]
fn bad_values_name_the_key_and_the_place() {
    let err = load_with(Some("[database]\nmax_connections = 0\n"), &[]).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("config file") && msg.contains("database.max_connections"),
        "{msg}"
    );

    let err = load_with(None, &[("TICKETGRAM_BOT_TOKEN", "not-a-token")]).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("TICKETGRAM_BOT_TOKEN") && !msg.contains("not-a-token"),
        "{msg}"
    );

    let err = load_with(Some("[http]\naddress = \"x\"\n"), &[]).unwrap_err();
    assert!(
        err.to_string().contains("did you mean `http.addr`"),
        "{err}"
    );

    let err = load_with(Some("[http\n"), &[]).unwrap_err();
    assert!(matches!(err, SettingsError::Parse { .. }), "{err}");
}

#[test]
fn explicit_missing_file_is_an_error() {
    let err = Settings::load(LoadOptions {
        config_file: Some(Path::new("/nonexistent/ticketgram.toml")),
        ..LoadOptions::default()
    })
    .unwrap_err();
    assert!(matches!(err, SettingsError::Read { .. }), "{err}");
}

#[test]
fn every_setting_is_documented_in_the_example_and_the_docs() {
    let docs = include_str!("../../../../docs/configuration.md");
    for key in KEYS {
        assert!(
            EXAMPLE_CONFIG.contains(&format!("{} = ", key.name())),
            "{} missing from the example config",
            key.path
        );
        for var in key.env {
            assert!(
                EXAMPLE_CONFIG.contains(var),
                "{var} missing from the example config"
            );
            assert!(
                docs.contains(var),
                "{var} missing from docs/configuration.md"
            );
        }
        assert!(
            docs.contains(&format!("`{}`", key.path)),
            "{} missing from docs",
            key.path
        );
    }
}

#[test]
fn warnings_for_probable_mistakes() {
    let loaded = load_with(
        None,
        &[
            ("TICKETGRAM_WEBHOOK_SECRET", "abc"),
            ("TICKETGRAM_HTTP_ADR", "x"),
        ],
    )
    .unwrap();
    assert_eq!(loaded.warnings.len(), 2, "{:?}", loaded.warnings);
}

#[test]
fn desk_chats_and_language_from_env() {
    let loaded = load_with(
        Some("[desk]\nchannel_id = -1001\ngroup_id = -1002\n"),
        &[
            ("TICKETGRAM_GROUP_ID", "-1003"),
            ("TICKETGRAM_AGENT_LANGUAGE", "de"),
            ("TICKETGRAM_NOTE_PREFIX", "#note"),
        ],
    )
    .unwrap();
    let desk = &loaded.settings.desk;
    assert_eq!(desk.channel_id, Some(-1001));
    assert_eq!(desk.group_id, Some(-1003));
    assert_eq!(desk.note_prefix, "#note");
    assert_eq!(desk.agent_language, ticketgram_domain::Language::De);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);

    let err = load_with(None, &[("TICKETGRAM_CHANNEL_ID", "12345")]).unwrap_err();
    assert!(
        err.to_string().contains("TICKETGRAM_CHANNEL_ID") && err.to_string().contains("negative"),
        "{err}"
    );
    let err = load_with(None, &[("TICKETGRAM_AGENT_LANGUAGE", "fr")]).unwrap_err();
    assert!(err.to_string().contains("desk.agent_language"), "{err}");
}

#[test]
fn half_configured_desk_is_a_warning() {
    let loaded = load_with(None, &[("TICKETGRAM_CHANNEL_ID", "-1001")]).unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(loaded.warnings[0].contains("desk.group_id"));
}

#[test]
fn poll_timeout_stays_below_the_http_timeout() {
    let err = load_with(None, &[("TICKETGRAM_POLL_TIMEOUT_SECS", "30")]).unwrap_err();
    assert!(err.to_string().contains("between 0 and 15"), "{err}");
}

#[test]
fn webhook_url_without_secret_is_an_error() {
    let err = load_with(
        None,
        &[
            ("TICKETGRAM_BOT_TOKEN", TOKEN),
            ("TICKETGRAM_WEBHOOK_URL", "https://help.example.com"),
        ],
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("environment variable TICKETGRAM_WEBHOOK_URL:")
            && msg.contains("TICKETGRAM_WEBHOOK_SECRET"),
        "{msg}"
    );
}

#[test]
fn serve_webhook_url_flag_beats_env() {
    let loaded = Settings::load(LoadOptions {
        working_dir: Some(Path::new("/nonexistent")),
        env: [
            ("TICKETGRAM_WEBHOOK_URL", "https://old.example.com"),
            ("TICKETGRAM_WEBHOOK_SECRET", "s3cret"),
        ]
        .into_iter()
        .collect(),
        webhook_url: Some("https://help.example.com".into()),
        ..LoadOptions::default()
    })
    .unwrap();
    let url = loaded
        .settings
        .telegram
        .webhook_url
        .as_ref()
        .map(|u| u.as_str().to_owned());
    assert_eq!(url.as_deref(), Some("https://help.example.com/"));
    assert!(loaded.render().contains("command-line flag --webhook-url"));
}
