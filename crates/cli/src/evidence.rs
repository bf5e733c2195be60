//! `peel evidence`: a case's evidence exported for prosecutors and courts, as a bundle of the
//! files, a manifest (hashes, sizes, original names, times, who submitted) and the custody
//! record; and the bundle checked against its own manifest.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use peel_app::SystemClock;
use peel_core::audit::AuditCode;
use peel_core::clock::Clock;
use serde::{Deserialize, Serialize};
use sha2::Digest;
use tokio::io::AsyncReadExt;

use crate::StoreArgs;
use crate::config::Settings;
use crate::say;

#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Write a report's evidence to a bundle: the files, manifest.json and custody.json
    Export {
        #[command(flatten)]
        store: StoreArgs,
        /// The report's reference
        reference: String,
        /// The bundle to write (a .zip)
        #[arg(long)]
        out: PathBuf,
    },
    /// Check every file of a bundle against its manifest; exits 1 naming the first mismatch
    Verify {
        /// The bundle
        bundle: PathBuf,
    },
}

/// One file in the manifest.
#[derive(Debug, Serialize, Deserialize)]
struct ManifestItem {
    id: String,
    file: String,
    sha256: String,
    size: u64,
    original_name: String,
    media_type: String,
    received_at: String,
    submitted_by: String,
    taken_at: Option<String>,
}

/// The manifest.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    reference: String,
    exported_at: String,
    items: Vec<ManifestItem>,
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

pub async fn run(command: EvidenceCommand) -> anyhow::Result<ExitCode> {
    match command {
        EvidenceCommand::Export {
            store,
            reference,
            out,
        } => {
            let settings = Settings::load(&store, None)?;
            let blobs = settings.evidence_blobs()?;
            let store = settings.open_store().await?;
            let parsed = peel_core::reference::Reference::parse(&reference)
                .with_context(|| format!("{reference:?} is not a reference"))?;
            let submission = store
                .submission_by_reference(&parsed)
                .await?
                .with_context(|| format!("there is no report {reference}"))?;
            let items = store.evidence_of(submission.id).await?;
            anyhow::ensure!(!items.is_empty(), "report {reference} holds no evidence");
            let file = std::fs::File::create(&out)
                .with_context(|| format!("Failed to create {}", out.display()))?;
            let mut zip = zip::ZipWriter::new(file);
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored)
                .large_file(true);
            let now = SystemClock.now();
            let mut manifest = Manifest {
                reference: reference.clone(),
                exported_at: rfc3339(now),
                items: Vec::new(),
            };
            let mut custody = Vec::new();
            for item in &items {
                let name = format!("files/{}", item.sha256);
                let mut source = blobs
                    .open(&item.sha256)
                    .await
                    .with_context(|| format!("the file of item {} is missing", item.id))?;
                zip.start_file(&name, stored)?;
                let mut buffer = vec![0u8; 256 * 1024];
                loop {
                    let n = source.read(&mut buffer).await?;
                    if n == 0 {
                        break;
                    }
                    zip.write_all(buffer.get(..n).unwrap_or_default())?;
                }
                manifest.items.push(ManifestItem {
                    id: item.id.to_string(),
                    file: name,
                    sha256: item.sha256.clone(),
                    size: item.size,
                    original_name: item.original_name.clone(),
                    media_type: item.mime.clone(),
                    received_at: rfc3339(item.received_at),
                    submitted_by: item.submitted_by.clone(),
                    taken_at: item.taken_at.map(|t| t.to_string()),
                });
                let entries = peel_app::evidence::custody::chain(store.as_ref(), item).await?;
                for entry in entries {
                    custody.push(serde_json::json!({
                        "item": item.id.to_string(),
                        "seq": entry.seq,
                        "at": rfc3339(entry.at),
                        "actor": entry.actor,
                        "event": entry.event.as_str(),
                        "detail": entry.detail,
                    }));
                }
            }
            zip.start_file("manifest.json", stored)?;
            zip.write_all(serde_json::to_string_pretty(&manifest)?.as_bytes())?;
            zip.start_file("custody.json", stored)?;
            zip.write_all(serde_json::to_string_pretty(&custody)?.as_bytes())?;
            zip.finish()?;
            let events: Vec<_> = items
                .iter()
                .map(|item| {
                    peel_app::audit::event(
                        &crate::console_actor(),
                        now,
                        AuditCode::EvidenceExported,
                        format!("evidence:{}", item.id),
                        format!("exported to {}: sha256 {}", out.display(), item.sha256),
                    )
                })
                .collect();
            store.append_audit(events).await?;
            say(&format!(
                "Exported {} item(s) of report {reference} to {}",
                items.len(),
                out.display()
            ));
            Ok(ExitCode::SUCCESS)
        }
        EvidenceCommand::Verify { bundle } => {
            let file = std::fs::File::open(&bundle)
                .with_context(|| format!("Failed to open {}", bundle.display()))?;
            let mut zip = zip::ZipArchive::new(file).context("the bundle is not a zip file")?;
            let manifest: Manifest = {
                let mut text = String::new();
                zip.by_name("manifest.json")
                    .context("the bundle has no manifest.json")?
                    .read_to_string(&mut text)?;
                serde_json::from_str(&text).context("manifest.json is not a manifest")?
            };
            for item in &manifest.items {
                let mut entry = match zip.by_name(&item.file) {
                    Ok(entry) => entry,
                    Err(_) => {
                        eprintln!(
                            "MISMATCH item {} ({}): its file {} is missing",
                            item.id, item.original_name, item.file
                        );
                        return Ok(ExitCode::FAILURE);
                    }
                };
                let mut hasher = sha2::Sha256::new();
                let mut buffer = vec![0u8; 64 * 1024];
                let mut size = 0u64;
                loop {
                    // A damaged entry (its checksum fails) is a mismatch of that item.
                    let n = match entry.read(&mut buffer) {
                        Ok(n) => n,
                        Err(error) => {
                            eprintln!(
                                "MISMATCH item {} ({}): its file cannot be read whole: {error}",
                                item.id, item.original_name
                            );
                            return Ok(ExitCode::FAILURE);
                        }
                    };
                    if n == 0 {
                        break;
                    }
                    size += n as u64;
                    hasher.update(buffer.get(..n).unwrap_or_default());
                }
                let sha = hex::encode(hasher.finalize());
                if sha != item.sha256 || size != item.size {
                    eprintln!(
                        "MISMATCH item {} ({}): SHA-256 {sha} ({size} bytes), the manifest says {} ({} bytes)",
                        item.id, item.original_name, item.sha256, item.size
                    );
                    return Ok(ExitCode::FAILURE);
                }
            }
            say(&format!(
                "verified: {} item(s) of report {} match the manifest",
                manifest.items.len(),
                manifest.reference
            ));
            Ok(ExitCode::SUCCESS)
        }
    }
}
