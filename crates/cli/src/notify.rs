//! `peel org` and `peel notify`: notifying organisations, and their bulk notifications in the
//! Peel format: generated for benchmarks, imported with a receipt per line.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use peel_app::SystemClock;
use peel_app::audit::event;
use peel_app::notify::{Format, Importer, Splitter};
use peel_core::audit::AuditCode;
use peel_core::clock::Clock;
use peel_core::concern::{OrganisationKind, Sector};
use peel_core::notification::NotificationType;
use peel_core::notification::retention::{Covers, Retention};
use peel_core::username::Username;
use peel_core::{Marking, OrganisationId, Source};
use peel_store::{Organisation, Store};

use crate::StoreArgs;
use crate::config::Settings;
use crate::say;

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Register an organisation: one that sends notifications (defaults: every type allowed,
    /// TLP:AMBER when a notification carries no marking, 60 requests a minute over HTTP), or,
    /// with --kind intermediary, a trusted intermediary whose trained staff send concerns
    Add(Box<AddOrg>),
    /// List the registered organisations
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Set how long an organisation's notifications are kept, for one type or every type (the
    /// sharing agreement says). Without a rule: 365 days, and 90 for one that links to nothing
    Retention {
        #[command(flatten)]
        store: StoreArgs,
        /// The organisation's id
        id: String,
        /// The notification type the rule is for [default: every type]
        #[arg(long = "type", default_value = "*")]
        kind: String,
        /// Days a notification is kept before it is erased
        #[arg(long)]
        keep_days: i64,
        /// Days a notification that links to nothing keeps its text, indicators, postcode and
        /// victim details before they are removed
        #[arg(long)]
        pseudonymise_days: i64,
    },
}

/// `peel org add`: an organisation to register.
#[derive(Debug, clap::Args)]
pub struct AddOrg {
    #[command(flatten)]
    store: StoreArgs,
    /// Its short id, such as northbank or boots-camden
    id: String,
    /// notifier (sends notifications) or intermediary (its staff send concerns)
    #[arg(long, default_value = "notifier")]
    kind: String,
    /// Its name [default: the id]
    #[arg(long)]
    name: Option<String>,
    /// A notifier's: bank, insurer, telco, retailer, platform, charity or other. An
    /// intermediary's: pharmacy, hair_and_beauty, school, gp_surgery, faith_group, housing,
    /// licensed_premises, youth_club or other
    #[arg(long, default_value = "other")]
    sector: String,
    /// The number a contact handler calls it back on (an intermediary's)
    #[arg(long, default_value = "")]
    phone: String,
    /// Who to contact there
    #[arg(long, default_value = "")]
    contact: String,
    /// The sharing agreement that covers what it sends
    #[arg(long, default_value = "")]
    agreement: String,
    /// The notification types it may send, comma-separated [default: all]
    #[arg(long, value_delimiter = ',')]
    types: Vec<String>,
    /// The marking of a notification that carries none
    #[arg(long, default_value = "TLP:AMBER")]
    marking: String,
    /// Requests a minute it may send over HTTP (each may carry many notifications)
    #[arg(long, default_value_t = 60)]
    rate_per_minute: i64,
    /// An account (username) named to receive its TLP:RED notifications; repeat for more.
    /// No one else sees them or anything derived from them.
    #[arg(long = "red-recipient")]
    red_recipients: Vec<String>,
    /// Tell it how many reports its notifications matched, counting only links marked at
    /// most this (say TLP:GREEN). Without it, as by default, it is told nothing of matches
    #[arg(long)]
    feedback: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum NotifyCommand {
    /// Write N synthetic notifications in the Peel format (JSON Lines)
    Generate {
        /// How many
        #[arg(long)]
        count: u64,
        /// The seed (the same seed writes the same file)
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write them
        #[arg(long)]
        out: PathBuf,
    },
    /// Import a file of notifications (JSON Lines, MISP or STIX documents, CSV, or gzip of
    /// any) for an organisation; ends with one summary line, and fails when every record was
    /// refused. Re-importing a file creates nothing twice, so an interrupted import is resumed
    /// by running it again; a MISP event or STIX bundle with a newer timestamp updates the one
    /// held.
    Import {
        #[command(flatten)]
        store: StoreArgs,
        /// The file
        file: PathBuf,
        /// The organisation's id
        #[arg(long)]
        org: String,
        /// Write a receipt per line or document here, as JSON Lines: accepted, updated,
        /// duplicate, skipped, or rejected with a reason code, and the values refused in it
        #[arg(long)]
        receipts: Option<PathBuf>,
        /// Notifications per transaction (larger batches write each index page fewer times)
        #[arg(long, default_value_t = 20_000)]
        batch: usize,
        /// peel (the Peel format), misp (MISP events: one document, pretty-printed or not, or
        /// JSON Lines of them), stix (STIX 2.1 bundles, likewise) or csv (a header row of Peel
        /// field names, or names renamed by --map)
        #[arg(long, default_value = "peel")]
        format: String,
        /// For CSV: how the organisation's columns map to Peel fields, `Their Column=peel_field,…`
        #[arg(long, default_value = "")]
        map: String,
    },
    /// Apply every organisation's retention rules now: erase notifications past their rule and
    /// pseudonymise those that link to nothing (`peel serve` does this every hour)
    Retention {
        #[command(flatten)]
        store: StoreArgs,
    },
}

pub async fn run_org(command: OrgCommand) -> anyhow::Result<ExitCode> {
    match command {
        OrgCommand::Add(add) => {
            let AddOrg {
                store,
                id,
                kind,
                name,
                sector,
                phone,
                contact,
                agreement,
                types,
                marking,
                rate_per_minute,
                red_recipients,
                feedback,
            } = *add;
            let settings = Settings::load(&store, None)?;
            let id = OrganisationId::parse(&id)?;
            let kind = OrganisationKind::parse(&kind).with_context(|| {
                format!("{kind:?} is not a kind of organisation: notifier or intermediary")
            })?;
            anyhow::ensure!(
                kind != OrganisationKind::Partner,
                "a partner is registered with `peel partner add`, and shares under an agreement (`peel agreement add`)"
            );
            if kind == OrganisationKind::Intermediary {
                let known: Vec<&str> = Sector::ALL.iter().map(|s| s.slug()).collect();
                anyhow::ensure!(
                    Sector::parse(&sector).is_some(),
                    "{sector:?} is not a kind of intermediary: {}",
                    known.join(", ")
                );
                anyhow::ensure!(
                    types.is_empty() && red_recipients.is_empty() && feedback.is_none(),
                    "an intermediary sends concerns, not notifications: leave out --types, --red-recipient and --feedback"
                );
                let digits = phone.chars().filter(char::is_ascii_digit).count();
                anyhow::ensure!(
                    phone.trim().is_empty() || (10..=13).contains(&digits),
                    "{phone:?} is not a phone number: give --phone as the number a contact handler calls the intermediary back on, such as '020 7946 0001'"
                );
            }
            let allowed_types: Vec<NotificationType> = if kind == OrganisationKind::Intermediary {
                Vec::new()
            } else if types.is_empty() {
                NotificationType::ALL.to_vec()
            } else {
                types
                    .iter()
                    .map(|t| {
                        NotificationType::parse(t)
                            .with_context(|| format!("{t:?} is not a notification type"))
                    })
                    .collect::<anyhow::Result<_>>()?
            };
            let default_marking = Marking::parse(&marking)
                .with_context(|| format!("{marking:?} is not a TLP marking"))?;
            let feedback = feedback
                .map(|m| Marking::parse(&m).with_context(|| format!("{m:?} is not a TLP marking")))
                .transpose()?;
            let store = settings.open_store().await?;
            let now = SystemClock.now();
            let actor = crate::console_actor();
            let subject = Source::Organisation(id.clone());
            let mut recipients = Vec::with_capacity(red_recipients.len());
            let mut events = Vec::new();
            for name in &red_recipients {
                let username = Username::parse(name).map_err(anyhow::Error::msg)?;
                let user = store
                    .credentials(&username)
                    .await?
                    .with_context(|| format!("there is no account {name:?} to name as a recipient of TLP:RED notifications"))?
                    .user;
                events.push(event(
                    &actor,
                    now,
                    AuditCode::RedRecipientNamed,
                    &subject,
                    format!("'{}' receives its TLP:RED notifications", user.username),
                ));
                recipients.push(user.id);
            }
            let org = Organisation {
                name: name.unwrap_or_else(|| id.to_string()),
                id,
                sector,
                contact,
                agreement,
                allowed_types,
                default_marking,
                rate_per_minute,
                red_recipients: recipients,
                feedback,
                kind,
                phone: phone.trim().to_owned(),
                created_at: now,
            };
            events.insert(
                0,
                event(
                    &actor,
                    now,
                    AuditCode::OrganisationCreated,
                    &subject,
                    format!(
                        "{} ({}), agreement {:?}",
                        org.name, org.sector, org.agreement
                    ),
                ),
            );
            match store.create_organisation(&org, events).await {
                Err(peel_store::StoreError::Conflict(_)) => {
                    anyhow::bail!("there is already an organisation {:?}", org.id.as_str())
                }
                other => other?,
            }
            if org.kind == OrganisationKind::Intermediary {
                if org.phone.is_empty() {
                    say(
                        "Warning: no --phone given, so contact handlers will have no number to call this intermediary back on when someone is with them",
                    );
                }
                say(&format!(
                    "Registered trusted intermediary '{}' ({}, {}), call-back number {}. Add its staff with `peel user add --role intermediary --organisation {}` and record their training with `peel people add --kind intermediary`",
                    org.id, org.name, org.sector, org.phone, org.id
                ));
                return Ok(ExitCode::SUCCESS);
            }
            say(&format!(
                "Registered organisation '{}' ({}), types: {}, default marking {}",
                org.id,
                org.name,
                org.allowed_types
                    .iter()
                    .map(|t| t.slug())
                    .collect::<Vec<_>>()
                    .join(","),
                org.default_marking.label()
            ));
            Ok(ExitCode::SUCCESS)
        }
        OrgCommand::Retention {
            store,
            id,
            kind,
            keep_days,
            pseudonymise_days,
        } => {
            let settings = Settings::load(&store, None)?;
            let id = OrganisationId::parse(&id)?;
            let rule = Retention::new(keep_days, pseudonymise_days).map_err(anyhow::Error::msg)?;
            let covers = Covers::parse(&kind)
                .with_context(|| format!("{kind:?} is not a notification type"))?;
            let store = settings.open_store().await?;
            anyhow::ensure!(
                store.organisation(&id).await?.is_some(),
                "there is no organisation {:?}",
                id.as_str()
            );
            let audit = event(
                &crate::console_actor(),
                SystemClock.now(),
                AuditCode::RetentionSet,
                Source::Organisation(id.clone()),
                format!(
                    "{kind}: kept {} days, pseudonymised after {} days if linked to nothing",
                    rule.keep_days, rule.pseudonymise_days
                ),
            );
            store.set_retention(&id, covers, rule, audit).await?;
            say(&format!(
                "{id}, {}: kept {} days; pseudonymised after {} days when linked to nothing",
                match covers {
                    Covers::Every => "every type",
                    Covers::Type(kind) => kind.slug(),
                },
                rule.keep_days,
                rule.pseudonymise_days
            ));
            Ok(ExitCode::SUCCESS)
        }
        OrgCommand::List { store } => {
            let settings = Settings::load(&store, None)?;
            let store = settings.open_existing_store().await?;
            for org in store.organisations().await? {
                if org.kind == OrganisationKind::Intermediary {
                    say(&format!(
                        "{}	{}	{}	intermediary	call back on {}",
                        org.id, org.name, org.sector, org.phone
                    ));
                    continue;
                }
                let count = store.notification_count(&org.id).await?;
                say(&format!(
                    "{}\t{}\t{}\t{}\t{count} notifications\tfeedback: {}",
                    org.id,
                    org.name,
                    org.sector,
                    org.default_marking.label(),
                    org.feedback.map_or("none", Marking::label)
                ));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub async fn run(command: NotifyCommand) -> anyhow::Result<ExitCode> {
    match command {
        NotifyCommand::Generate { count, seed, out } => {
            let file = File::create(&out)
                .with_context(|| format!("Failed to create {}", out.display()))?;
            let mut writer = BufWriter::with_capacity(1 << 20, file);
            for line in peel_notify::generate(count, seed) {
                writer.write_all(line.as_bytes())?;
                writer.write_all(b"\n")?;
            }
            writer.flush()?;
            say(&format!("wrote {count} notifications to {}", out.display()));
            Ok(ExitCode::SUCCESS)
        }
        NotifyCommand::Retention { store } => {
            let settings = Settings::load(&store, None)?;
            let store = settings.open_store().await?;
            let runs = peel_app::notify::apply_retention(
                store.as_ref(),
                &crate::console_actor(),
                SystemClock.now(),
            )
            .await?;
            for run in &runs {
                say(&format!(
                    "{} {}: erased={} pseudonymised={} (kept {} days, pseudonymised after {})",
                    run.organisation,
                    run.kind,
                    run.outcome.erased,
                    run.outcome.pseudonymised,
                    run.rule.keep_days,
                    run.rule.pseudonymise_days
                ));
            }
            if runs.is_empty() {
                say("no notifications are held");
            }
            Ok(ExitCode::SUCCESS)
        }
        NotifyCommand::Import {
            store,
            file,
            org,
            receipts,
            batch,
            format,
            map,
        } => {
            let format = Format::parse(&format)
                .with_context(|| format!("{format:?} is not peel, misp, stix or csv"))?;
            let settings = Settings::load(&store, None)?;
            let store = settings.open_store().await?;
            let options = ImportOptions {
                receipts: receipts.as_deref(),
                batch: batch.max(1),
                cap: settings.link_cap,
                format,
                map: &map,
            };
            import(
                store.as_ref(),
                &file,
                &OrganisationId::parse(&org)?,
                &options,
            )
            .await
        }
    }
}

/// Counts the bytes read, for the progress bar.
struct Counting<R> {
    inner: R,
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// Lines read and checked in one piece by the reading thread.
const READ_CHUNK: usize = 2_000;

/// A line as the reading thread leaves it.
type ReadLine = peel_app::notify::Read;

/// How to import.
struct ImportOptions<'a> {
    receipts: Option<&'a Path>,
    batch: usize,
    cap: usize,
    format: Format,
    map: &'a str,
}

async fn import(
    store: &dyn Store,
    path: &Path,
    org_id: &OrganisationId,
    options: &ImportOptions<'_>,
) -> anyhow::Result<ExitCode> {
    let ImportOptions {
        receipts: receipts_path,
        batch,
        cap,
        format,
        map,
    } = *options;
    let started = Instant::now();
    let org = store.organisation(org_id).await?.with_context(|| {
        format!(
            "there is no organisation {:?}: add it with `peel org add`",
            org_id.as_str()
        )
    })?;
    let file = File::open(path).with_context(|| format!("Failed to open {}", path.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let count = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let mut raw = BufReader::with_capacity(
        1 << 20,
        Counting {
            inner: file,
            count: count.clone(),
        },
    );
    let gzip = raw.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let mut reader: Box<dyn BufRead + Send> = if gzip {
        Box::new(BufReader::with_capacity(
            1 << 20,
            flate2::read::MultiGzDecoder::new(raw),
        ))
    } else {
        Box::new(raw)
    };
    // Unbuffered: each batch's receipts go out in one write of whole lines, so that a crash
    // leaves whole lines (a kill arrives between system calls, never inside one; finding I-4).
    let mut receipts = match receipts_path {
        Some(p) => {
            Some(File::create(p).with_context(|| format!("Failed to create {}", p.display()))?)
        }
        None => None,
    };
    let progress = ProgressBar::new(size);
    progress.set_style(
        ProgressStyle::with_template("importing [{bar:30}] {percent:>3}% {elapsed} (ETA {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let subject = Source::Organisation(org.id.clone());
    let actor = crate::console_actor();
    let importer = Importer::new(store, org, SystemClock.now(), batch, cap, |lines| {
        event(
            &actor,
            SystemClock.now(),
            AuditCode::NotificationsReceived,
            &subject,
            format!("{lines} of {}", path.display()),
        )
    });
    // Peel's own operator imports at the console, and may know every link made.
    let mut importer = importer
        .with_format(format)
        .with_feedback(peel_app::notify::Feedback::Operator);
    let mut write = |done: Vec<peel_app::notify::Receipt>| -> anyhow::Result<()> {
        if let Some(out) = receipts.as_mut()
            && !done.is_empty()
        {
            let mut lines = String::with_capacity(done.len() * 64);
            for receipt in done {
                lines.push_str(&receipt.to_json().to_string());
                lines.push('\n');
            }
            out.write_all(lines.as_bytes())?;
        }
        Ok(())
    };
    let failed =
        "Failed to store a batch; nothing of it was kept, and running the import again resumes";
    if format == Format::Csv {
        peel_app::notify::import_csv(&mut importer, reader, map, &mut write)
            .await
            .context(failed)?
            .map_err(anyhow::Error::msg)?;
    } else {
        // Lines are read and checked on a thread of their own, a few thousand at a time, while
        // the batch before is being stored; at most 16 such chunks wait, so memory stays
        // bounded whatever the file's size.
        let line_reader = importer.reader().clone();
        let (sender, mut chunks) = tokio::sync::mpsc::channel::<Vec<(u64, ReadLine)>>(16);
        let reading = std::thread::spawn(move || -> std::io::Result<()> {
            // The same splitting as over HTTP: bounded lines, numbered, blank ones passed over;
            // for MISP and STIX, bounded documents (one pretty-printed, or JSON Lines).
            let mut splitter = Splitter::for_format(format);
            let mut chunk = Vec::with_capacity(READ_CHUNK);
            let send = |chunk: &mut Vec<(u64, ReadLine)>, at_least: usize| {
                chunk.len() < at_least
                    || sender
                        .blocking_send(std::mem::replace(chunk, Vec::with_capacity(READ_CHUNK)))
                        .is_ok()
            };
            loop {
                let piece = reader.fill_buf()?;
                if piece.is_empty() {
                    break;
                }
                let used = piece.len();
                for (line, text) in splitter.feed(piece) {
                    for read in line_reader.read(line, text.as_deref()) {
                        chunk.push((line, read));
                    }
                    if !send(&mut chunk, READ_CHUNK) {
                        return Ok(());
                    }
                }
                reader.consume(used);
            }
            if let Some((line, text)) = splitter.finish() {
                for read in line_reader.read(line, text.as_deref()) {
                    chunk.push((line, read));
                }
            }
            send(&mut chunk, 1);
            Ok(())
        });
        while let Some(chunk) = chunks.recv().await {
            for (line, read) in chunk {
                let done = importer.accept(line, read).await.context(failed)?;
                if !done.is_empty() {
                    progress.set_position(count.load(std::sync::atomic::Ordering::Relaxed));
                }
                write(done)?;
            }
        }
        reading
            .join()
            .map_err(|_| anyhow::anyhow!("the thread reading {} stopped", path.display()))?
            .with_context(|| format!("Failed to read {}", path.display()))?;
    }
    write(importer.flush().await.context(failed)?)?;
    if let Some(out) = receipts.as_mut() {
        out.sync_all()?;
    }
    progress.finish_and_clear();
    let tally = importer.tally;
    if tally.links > 0 {
        eprintln!(
            "{} links made to earlier reports, notifications and cases",
            tally.links
        );
    }
    say(&tally.summary(started.elapsed().as_secs_f64()));
    if tally.all_rejected() {
        eprintln!(
            "Every record in {} was refused; nothing was stored. The receipts say why.",
            path.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
