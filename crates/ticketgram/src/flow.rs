//! `ticketgram flow …`: a desk's self-service flow from the command line (docs/flows.md).
//! `validate` and `builtin` read files and print, without a configuration or a database, like
//! `classify`; `export` and `import` open the configured database and act on one workspace
//! (`--workspace`, else `instance.workspace`, as the other desk commands).

use std::path::Path;

use anyhow::{bail, Context as _};
use ticketgram_flows::{builtin, Flow, Invalid, Problem};
use ticketgram_store::{SaveFlowError, StoreError};

use crate::app;
use crate::cli::FlowCommand;
use crate::settings::Settings;
use crate::workspace::ensure_workspace;

/// A flow with errors. The binary prints `listing` (one line per problem, warnings too) on
/// stdout, then the summary as its error line, and exits with status 1.
#[derive(Debug, thiserror::Error)]
#[error("{summary}")]
pub struct InvalidFlow {
    pub listing: String,
    pub summary: String,
}

fn invalid_flow(file: &Path, invalid: &Invalid, tail: &str) -> InvalidFlow {
    let errors = invalid.errors().count();
    InvalidFlow {
        listing: invalid.problems.iter().map(|p| located(file, p)).collect(),
        summary: format!(
            "{}: {}, {}{tail}",
            file.display(),
            count(errors, "error"),
            count(invalid.problems.len() - errors, "warning")
        ),
    }
}

/// Whether `command` needs neither settings nor a database.
pub fn is_offline(command: &FlowCommand) -> bool {
    matches!(
        command,
        FlowCommand::Validate { .. } | FlowCommand::Builtin { .. } | FlowCommand::Bench { .. }
    )
}

/// Runs `validate` or `builtin`; returns what to print on stdout. A flow with errors prints
/// its problems and fails with [`InvalidFlow`].
pub fn run_offline(command: FlowCommand) -> anyhow::Result<String> {
    match command {
        FlowCommand::Validate { file } => {
            let source = read(&file)?;
            validate(&file, &source)
        }
        FlowCommand::Builtin { name } => shipped(&name).map(str::to_owned),
        FlowCommand::Bench { clients } => crate::flow_bench::run(clients),
        FlowCommand::Export { .. } | FlowCommand::Import { .. } => {
            unreachable!("needs the desk: see is_offline")
        }
    }
}

/// Runs `export` or `import` against the configured database; returns what to print.
pub async fn run(settings: &Settings, command: FlowCommand) -> anyhow::Result<String> {
    let store = app::migrate(&settings.database).await?;
    let result = match command {
        FlowCommand::Export {
            workspace,
            revision,
        } => {
            let slug = workspace.unwrap_or_else(|| settings.instance.workspace.clone());
            export(&store, &slug, revision).await
        }
        FlowCommand::Import {
            workspace,
            file,
            note,
        } => {
            let slug = workspace.unwrap_or_else(|| settings.instance.workspace.clone());
            import(&store, &slug, &file, note.as_deref()).await
        }
        FlowCommand::Validate { .. } | FlowCommand::Builtin { .. } | FlowCommand::Bench { .. } => {
            unreachable!("offline: see is_offline")
        }
    };
    store.close().await;
    result
}

fn read(file: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))
}

fn shipped(name: &str) -> anyhow::Result<&'static str> {
    builtin::ALL
        .iter()
        .find(|(shipped, _)| *shipped == name)
        .map(|(_, source)| *source)
        .with_context(|| {
            let names: Vec<&str> = builtin::ALL.iter().map(|(n, _)| *n).collect();
            format!(
                "no built-in flow {name:?} (there are: {})",
                names.join(", ")
            )
        })
}

/// `FILE:LINE:COL: error|warning: message (path)`: the shape compilers use, so editors and
/// terminals link it.
fn located(file: &Path, problem: &Problem) -> String {
    match problem.line {
        Some(_) => format!("{}:{problem}\n", file.display()),
        None => format!("{}: {problem}\n", file.display()),
    }
}

fn count(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

fn validate(file: &Path, source: &str) -> anyhow::Result<String> {
    match Flow::parse(source) {
        Ok(parsed) => {
            let mut out: String = parsed.warnings.iter().map(|p| located(file, p)).collect();
            out.push_str(&format!(
                "{}: ok, {}, {}\n",
                file.display(),
                count(parsed.flow.definition().steps.len(), "step"),
                count(parsed.warnings.len(), "warning")
            ));
            Ok(out)
        }
        Err(invalid) => Err(invalid_flow(file, &invalid, "").into()),
    }
}

async fn export(
    store: &ticketgram_store::Store,
    slug: &str,
    revision: Option<i64>,
) -> anyhow::Result<String> {
    let workspace = store
        .find_workspace_by_slug(slug)
        .await
        .context("cannot look the workspace up")?;
    let stored = match (workspace, revision) {
        (Some(ws), Some(n)) => match store.flow_revision(ws.id, n).await {
            Err(StoreError::NotFound) => bail!("workspace {slug:?} has no flow revision {n}"),
            other => Some(other.context("cannot read the flow")?),
        },
        (Some(ws), None) => store
            .active_flow(ws.id)
            .await
            .context("cannot read the flow")?,
        (None, Some(n)) => bail!("no workspace {slug:?}, so no flow revision {n}"),
        (None, None) => None,
    };
    // A desk that never saved a flow runs the built-in default: that is what it has.
    Ok(stored.map_or_else(|| builtin::DEFAULT.to_owned(), |flow| flow.source))
}

async fn import(
    store: &ticketgram_store::Store,
    slug: &str,
    file: &Path,
    note: Option<&str>,
) -> anyhow::Result<String> {
    let source = read(file)?;
    let ws = ensure_workspace(store, slug)
        .await
        .with_context(|| format!("cannot open workspace {slug:?}"))?
        .id;
    let saved = store
        .write(async |tx| {
            tx.save_flow(ws, &source, None, note, chrono::Utc::now())
                .await
        })
        .await;
    match saved {
        Ok(saved) => {
            let mut out: String = saved.warnings.iter().map(|p| located(file, p)).collect();
            out.push_str(&format!(
                "saved revision {} of workspace {slug}'s flow ({})\n",
                saved.flow.revision,
                count(saved.warnings.len(), "warning")
            ));
            Ok(out)
        }
        Err(SaveFlowError::Invalid(invalid)) => {
            Err(invalid_flow(file, &invalid, "; nothing saved").into())
        }
        Err(SaveFlowError::Store(e)) => Err(e).context("cannot save the flow"),
    }
}
