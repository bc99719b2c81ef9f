//! Starts `healthlint lsp` for Markdown and HTML buffers. Everything else
//! (diagnostics, code actions, hover) comes from the server itself.
//!
//! The command is `lsp.healthlint.binary.path` from Zed's settings when set
//! (with `binary.arguments`, default `["lsp"]`), else `healthlint` on the
//! worktree's PATH. Nothing is downloaded: healthlint is a Python package the
//! user installs with its `lsp` extra (docs/editors.md).

use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

const COMMAND: &str = "healthlint";
const SUBCOMMAND: &str = "lsp";

struct HealthlintExtension;

impl zed::Extension for HealthlintExtension {
    fn new() -> Self {
        HealthlintExtension
    }

    fn language_server_command(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(language_server_id.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.binary);
        let args = binary
            .as_ref()
            .and_then(|binary| binary.arguments.clone())
            .unwrap_or_else(|| vec![SUBCOMMAND.to_string()]);
        let command = match binary.and_then(|binary| binary.path) {
            Some(path) => path,
            None => worktree.which(COMMAND).ok_or_else(|| {
                format!(
                    "`{COMMAND}` is not on PATH: install healthlint with its `lsp` extra \
                     or set lsp.healthlint.binary.path in Zed's settings"
                )
            })?,
        };
        Ok(zed::Command {
            command,
            args,
            env: worktree.shell_env(),
        })
    }

    fn language_server_initialization_options(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        // e.g. { "debounceMs": 300 } under lsp.healthlint.initialization_options
        Ok(
            LspSettings::for_worktree(language_server_id.as_ref(), worktree)
                .ok()
                .and_then(|settings| settings.initialization_options),
        )
    }
}

zed::register_extension!(HealthlintExtension);
