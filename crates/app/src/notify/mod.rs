//! Importing organisations' notifications, for the command line and the API alike: each Peel
//! line ([`peel_notify::parse_line`]), MISP event or STIX bundle (a document of its own,
//! [`peel_notify::documents`]) is read, checked against the organisation's agreement, stored in
//! batches (one transaction each, idempotent by the organisation's own id, a newer version of
//! an event replacing the one held, correlated on arrival) and answered with a receipt.

mod lines;
mod retention;

use peel_core::audit::AuditEvent;
use peel_core::{NotificationId, OrganisationId};
use peel_notify::{MAX_LINE_BYTES, Place, Rejection};
use peel_store::{FoundIndicator, IngestOutcome, NewNotification, Organisation, Store, StoreError};
use time::OffsetDateTime;

pub use lines::{LineSplitter, Splitter, lines};
pub use retention::{RetentionRun, apply_retention};

/// The format of what an organisation sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// The Peel format (schemas/notification.schema.json).
    #[default]
    Peel,
    /// A MISP event per document.
    Misp,
    /// A STIX 2.1 bundle per document.
    Stix,
    /// CSV with a header row, mapped by [`import_csv`].
    Csv,
}

impl Format {
    /// The format named `peel`, `misp` or `stix`.
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "peel" => Some(Format::Peel),
            "misp" => Some(Format::Misp),
            "stix" => Some(Format::Stix),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// What became of one line or document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Stored, with the links it made where whoever reads the receipt may be told of them.
    Accepted {
        /// Links made on arrival, when the reader may know.
        links: Option<usize>,
    },
    /// A newer version of one received before: the one held is replaced and linked again.
    Updated {
        /// Links made again, when the reader may know.
        links: Option<usize>,
    },
    /// Received before under the same own id (and not newer); nothing stored.
    Duplicate,
    /// Nothing in it to store (a STIX bundle of marking definitions only): not an error.
    Skipped {
        /// The reason code.
        code: &'static str,
        /// The reason in words.
        message: String,
    },
    /// Refused, with a stable reason code.
    Rejected {
        /// The reason code.
        code: &'static str,
        /// The reason in words.
        message: String,
    },
}

/// The receipt for one line, or one event or bundle of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The line number (where a document starts), from 1.
    pub line: u64,
    /// The organisation's own id, when the line could be read.
    pub own_id: Option<String>,
    /// What became of it.
    pub status: Status,
    /// The values refused in it one by one (the rest kept), each with its reason.
    pub refused: Vec<Rejection>,
}

impl Receipt {
    /// The receipt as one JSON object.
    pub fn to_json(&self) -> serde_json::Value {
        let (status, links) = match &self.status {
            Status::Accepted { links } => ("accepted", *links),
            Status::Updated { links } => ("updated", *links),
            Status::Duplicate => ("duplicate", None),
            Status::Skipped { .. } => ("skipped", None),
            Status::Rejected { .. } => ("rejected", None),
        };
        let mut value = serde_json::json!({"line": self.line, "status": status});
        let Some(object) = value.as_object_mut() else {
            return value;
        };
        if let Some(links) = links {
            object.insert("links".into(), links.into());
        }
        if let Status::Skipped { code, message } | Status::Rejected { code, message } = &self.status
        {
            object.insert("code".into(), (*code).into());
            object.insert("message".into(), message.clone().into());
        }
        if let Some(id) = &self.own_id {
            object.insert("id".into(), id.clone().into());
        }
        if !self.refused.is_empty() {
            let refused: Vec<serde_json::Value> = self
                .refused
                .iter()
                .map(|r| serde_json::json!({"code": r.code, "message": r.message}))
                .collect();
            object.insert("refused".into(), refused.into());
        }
        value
    }
}

/// Counts of what an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Lines read (blank lines aside).
    pub records: u64,
    /// Stored.
    pub accepted: u64,
    /// Newer versions replacing those held.
    pub updated: u64,
    /// Received before.
    pub duplicate: u64,
    /// With nothing to store.
    pub skipped: u64,
    /// Refused.
    pub rejected: u64,
    /// Values refused within what was kept.
    pub refused_values: u64,
    /// Links made (those the reader may be told of).
    pub links: u64,
}

/// What the receipts of an import may say of the links it made.
///
/// A notifying organisation learns nothing of what Peel holds unless its sharing agreement says
/// so (finding H-2 of the security review): otherwise any key could test whether a chosen phone
/// number or e-mail address appears in victims' reports, or in another organisation's TLP:RED
/// notifications. MISP treated the same leak through correlations as a vulnerability
/// (CVE-2020-14969).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feedback {
    /// Every link: for Peel's own operator importing a file at the console.
    Operator,
    /// As the organisation's agreement allows: nothing when it grants no feedback, and
    /// otherwise the reports or concerns matched through links marked at most the marking it
    /// grants (never links to other organisations' notifications).
    Agreement(Option<peel_core::Marking>),
}

impl Feedback {
    /// What may be said of one stored notification's links.
    pub fn links(self, links: usize, reports: &[peel_core::Marking]) -> Option<usize> {
        match self {
            Feedback::Operator => Some(links),
            Feedback::Agreement(None) => None,
            Feedback::Agreement(Some(up_to)) => {
                Some(reports.iter().filter(|m| **m <= up_to).count())
            }
        }
    }

    /// Whether any count of links may be given.
    pub fn tells(self) -> bool {
        !matches!(self, Feedback::Agreement(None))
    }
}

impl Tally {
    /// The summary line: `records=N accepted=N duplicate=N rejected=N seconds=S rate=R/s`,
    /// with `updated=N skipped=N refused_values=N` after `rejected` when any is not nought.
    pub fn summary(&self, seconds: f64) -> String {
        let mut more = String::new();
        for (name, n) in [
            ("updated", self.updated),
            ("skipped", self.skipped),
            ("refused_values", self.refused_values),
        ] {
            if n > 0 {
                more.push_str(&format!(" {name}={n}"));
            }
        }
        format!(
            "records={} accepted={} duplicate={} rejected={}{more} seconds={seconds:.2} \
             rate={:.0}/s",
            self.records,
            self.accepted,
            self.duplicate,
            self.rejected,
            self.records as f64 / seconds.max(1e-9)
        )
    }

    /// Whether something was read and every record was refused: the import failed.
    pub fn all_rejected(&self) -> bool {
        self.records > 0 && self.rejected == self.records
    }
}

/// One record read and checked, ready for [`Importer::accept`].
#[derive(Debug, Clone)]
pub enum Read {
    /// A notification to store, with the values refused in it.
    Checked {
        /// The notification.
        notification: Box<NewNotification>,
        /// Its values refused one by one.
        refused: Vec<Rejection>,
    },
    /// Nothing to store, and why.
    Skipped {
        /// The reason code.
        code: &'static str,
        /// In words.
        message: String,
    },
    /// Refused whole.
    Rejected(Rejection),
}

/// Reads and checks one organisation's lines: pure, so the command line can read the next
/// lines on another thread while a batch is stored.
#[derive(Debug, Clone)]
pub struct LineReader {
    org: Organisation,
    now: OffsetDateTime,
    format: Format,
    found_in: String,
}

impl LineReader {
    /// A reader of `format` for `org`, stamping what it reads as received `now`.
    pub fn new(org: Organisation, now: OffsetDateTime, format: Format) -> LineReader {
        LineReader {
            found_in: format!("{}'s notification", org.name),
            org,
            now,
            format,
        }
    }

    /// Whether a line holds nothing (it is passed over, not counted as a record).
    pub fn is_blank(bytes: Option<&[u8]>) -> bool {
        bytes.is_some_and(|b| b.iter().all(u8::is_ascii_whitespace))
    }

    /// Reads one line, or one document of MISP or STIX (`None` when it was longer than the
    /// bound), into its records: one for a Peel line, an event or a bundle, several for a MISP
    /// response holding several events.
    pub fn read(&self, line: u64, bytes: Option<&[u8]>) -> Vec<Read> {
        let rejected = |code: &'static str, message: String| {
            vec![Read::Rejected(Rejection {
                line,
                code,
                message,
            })]
        };
        let Some(bytes) = bytes else {
            return match self.format {
                Format::Misp | Format::Stix => rejected(
                    "document.too_long",
                    format!(
                        "the document is longer than {} bytes",
                        peel_notify::MAX_DOCUMENT_BYTES
                    ),
                ),
                Format::Peel | Format::Csv => rejected(
                    "line.too_long",
                    format!("the line is longer than {MAX_LINE_BYTES} bytes"),
                ),
            };
        };
        let Ok(text) = std::str::from_utf8(bytes) else {
            return rejected("line.not_utf8", "the line is not UTF-8 text".into());
        };
        let reads = match self.format {
            Format::Peel | Format::Csv => {
                vec![
                    peel_notify::parse_line(text, line, self.now).map(|notification| {
                        peel_notify::mappers::Read::Notification(Box::new(
                            peel_notify::mappers::Mapped {
                                notification,
                                refused: Vec::new(),
                                version: None,
                            },
                        ))
                    }),
                ]
            }
            Format::Misp => peel_notify::mappers::from_misp(text, line, self.now),
            Format::Stix => peel_notify::mappers::from_stix(text, line, self.now),
        };
        reads
            .into_iter()
            .map(|read| match read {
                Err(rejection) => Read::Rejected(rejection),
                Ok(peel_notify::mappers::Read::Nothing { code, message }) => {
                    Read::Skipped { code, message }
                }
                Ok(peel_notify::mappers::Read::Notification(mapped)) => {
                    match self.check(line, *mapped) {
                        Ok(read) => read,
                        Err(rejection) => Read::Rejected(rejection),
                    }
                }
            })
            .collect()
    }

    /// Checks a notification read against what Peel keeps and the organisation's agreement.
    fn check(&self, line: u64, mapped: peel_notify::mappers::Mapped) -> Result<Read, Rejection> {
        let rejection = |code: &'static str, message: String| Rejection {
            line,
            code,
            message,
        };
        let peel_notify::mappers::Mapped {
            notification: n,
            refused,
            version,
        } = mapped;
        // PostgreSQL cannot keep a NUL in text (SQLite can): refused here, one line at a time,
        // so that both backends keep the same lines and one line never fails a batch (M-6).
        let has_nul = n.own_id.contains('\0')
            || n.text.contains('\0')
            || n.indicators.iter().any(|i| i.value.contains('\0'));
        if has_nul {
            return Err(rejection(
                "text.nul",
                "the line holds a NUL character (\\u0000), which cannot be kept".into(),
            ));
        }
        if !self.org.allowed_types.contains(&n.kind) {
            return Err(rejection(
                "type.not_allowed",
                format!(
                    "the sharing agreement does not cover {} notifications",
                    n.kind.slug()
                ),
            ));
        }
        let (postcode, online) = match &n.place {
            Place::Postcode(p) => (Some(p.clone()), false),
            Place::Online => (None, true),
            Place::Unknown => (None, false),
        };
        let notification = NewNotification {
            id: NotificationId(uuid::Uuid::now_v7()),
            own_id: n.own_id,
            kind: n.kind,
            occurred_at: n.occurred_at,
            received_at: self.now,
            postcode,
            online,
            amount: n.amount,
            victim_age_band: n.victim_age_band,
            body: n.text,
            marking: n.marking.unwrap_or(self.org.default_marking),
            indicators: n
                .indicators
                .into_iter()
                .map(|i| FoundIndicator {
                    kind: i.kind,
                    value: i.value,
                    found_in: self.found_in.clone(),
                })
                .collect(),
            version,
        };
        Ok(Read::Checked {
            notification: Box::new(notification),
            refused,
        })
    }
}

/// An import in progress for one organisation.
pub struct Importer<'a> {
    store: &'a dyn Store,
    org_id: OrganisationId,
    reader: LineReader,
    batch: usize,
    cap: usize,
    audit: Box<dyn Fn(&str) -> AuditEvent + Send + Sync + 'a>,
    feedback: Feedback,
    /// Checked notifications waiting to be stored, and the line each came from with the values
    /// refused in it.
    pending: Vec<NewNotification>,
    pending_lines: Vec<(u64, Vec<Rejection>)>,
    held: Vec<Receipt>,
    /// What it has done so far.
    pub tally: Tally,
}

impl<'a> Importer<'a> {
    /// Starts an import whose receipts say what the organisation's agreement allows of the
    /// links made ([`Feedback::Agreement`]). `audit` makes the collection entry for a batch from
    /// a description of its lines.
    pub fn new(
        store: &'a dyn Store,
        org: Organisation,
        now: OffsetDateTime,
        batch: usize,
        cap: usize,
        audit: impl Fn(&str) -> AuditEvent + Send + Sync + 'a,
    ) -> Importer<'a> {
        Importer {
            store,
            org_id: org.id.clone(),
            feedback: Feedback::Agreement(org.feedback),
            reader: LineReader::new(org, now, Format::Peel),
            batch: batch.max(1),
            cap,
            audit: Box::new(audit),
            pending: Vec::with_capacity(batch.clamp(1, 65_536)),
            pending_lines: Vec::with_capacity(batch.clamp(1, 65_536)),
            held: Vec::new(),
            tally: Tally::default(),
        }
    }

    /// The same import reading another format: MISP events or STIX bundles (one per line or
    /// document), or CSV rows already mapped by [`import_csv`].
    pub fn with_format(mut self, format: Format) -> Importer<'a> {
        self.reader.format = format;
        self
    }

    /// The same import with receipts that say `feedback` of the links made.
    pub fn with_feedback(mut self, feedback: Feedback) -> Importer<'a> {
        self.feedback = feedback;
        self
    }

    /// Its reader, to read lines elsewhere and hand them to [`Importer::accept`].
    pub fn reader(&self) -> &LineReader {
        &self.reader
    }

    /// Takes one line or document (`None` when it was longer than the bound). Returns the
    /// receipts ready, in line order: refusals when no batch is pending, and otherwise all of a
    /// batch's records (refusals among them) once it is stored.
    pub async fn line(
        &mut self,
        line: u64,
        bytes: Option<&[u8]>,
    ) -> Result<Vec<Receipt>, StoreError> {
        if LineReader::is_blank(bytes) {
            return Ok(Vec::new());
        }
        let mut receipts = Vec::new();
        for read in self.reader.read(line, bytes) {
            receipts.extend(self.accept(line, read).await?);
        }
        Ok(receipts)
    }

    /// Takes a record already read by [`Importer::reader`] (blank lines left out), with the
    /// receipts as [`Importer::line`] returns them.
    pub async fn accept(&mut self, line: u64, read: Read) -> Result<Vec<Receipt>, StoreError> {
        match read {
            Read::Rejected(rejection) => Ok(self.reject(line, rejection.code, rejection.message)),
            Read::Skipped { code, message } => {
                self.tally.records += 1;
                self.tally.skipped += 1;
                Ok(self.hold(Receipt {
                    line,
                    own_id: None,
                    status: Status::Skipped { code, message },
                    refused: Vec::new(),
                }))
            }
            Read::Checked {
                notification,
                refused,
            } => {
                self.tally.records += 1;
                self.tally.refused_values += refused.len() as u64;
                self.pending.push(*notification);
                self.pending_lines.push((line, refused));
                if self.pending.len() >= self.batch {
                    self.flush().await
                } else {
                    Ok(Vec::new())
                }
            }
        }
    }

    /// Records a line refused before it could be read (a CSV row that does not parse, say).
    pub fn reject(&mut self, line: u64, code: &'static str, message: String) -> Vec<Receipt> {
        self.tally.records += 1;
        self.tally.rejected += 1;
        self.hold(Receipt {
            line,
            own_id: None,
            status: Status::Rejected { code, message },
            refused: Vec::new(),
        })
    }

    /// A receipt for something not stored: out at once when no batch is pending, otherwise
    /// with the batch's, in line order.
    fn hold(&mut self, receipt: Receipt) -> Vec<Receipt> {
        if self.pending.is_empty() {
            vec![receipt]
        } else {
            self.held.push(receipt);
            Vec::new()
        }
    }

    /// The checked notifications not yet stored, taken out (for a benchmark's baseline).
    pub fn take_pending(&mut self) -> Vec<NewNotification> {
        self.pending_lines.clear();
        std::mem::take(&mut self.pending)
    }

    /// Stores what is pending and returns its receipts.
    pub async fn flush(&mut self) -> Result<Vec<Receipt>, StoreError> {
        if self.pending.is_empty() {
            return Ok(std::mem::take(&mut self.held));
        }
        let (first, last) = (
            self.pending_lines.first().map_or(0, |(line, _)| *line),
            self.pending_lines.last().map_or(0, |(line, _)| *line),
        );
        let event = (self.audit)(&format!("lines {first} to {last}"));
        let outcomes = self
            .store
            .ingest_notifications(&self.org_id, &self.pending, self.cap, event)
            .await?;
        // Vetting that keeps watching: a vetted person's own phone or email in what was just
        // accepted raises a review item for the vetting unit (one look-up for the batch).
        {
            let what = format!("a notification from {}", self.org_id);
            let items: Vec<String> = self
                .pending
                .iter()
                .map(|n| format!("notification:{}", n.id))
                .collect();
            let watched: Vec<crate::watch::Watched<'_>> = self
                .pending
                .iter()
                .zip(&outcomes)
                .zip(&items)
                .filter(|((_, outcome), _)| {
                    matches!(
                        outcome,
                        IngestOutcome::Accepted { .. } | IngestOutcome::Updated { .. }
                    )
                })
                .map(|((n, _), item)| crate::watch::Watched {
                    source: crate::watch::Source {
                        item: item.clone(),
                        what: &what,
                    },
                    found: &n.indicators,
                    address: None,
                })
                .collect();
            let at = self.pending.first().map(|n| n.received_at);
            if let Some(at) = at {
                crate::watch::watch_batch(self.store, &watched, at).await;
            }
        }
        let mut receipts = std::mem::take(&mut self.held);
        let stored = self.pending_lines.drain(..).zip(self.pending.drain(..));
        for (((line, refused), n), outcome) in stored.zip(outcomes) {
            let status = match outcome {
                IngestOutcome::Accepted { links, reports } => {
                    self.tally.accepted += 1;
                    let links = self.feedback.links(links, &reports);
                    self.tally.links += links.unwrap_or_default() as u64;
                    Status::Accepted { links }
                }
                IngestOutcome::Updated { links, reports } => {
                    self.tally.updated += 1;
                    let links = self.feedback.links(links, &reports);
                    self.tally.links += links.unwrap_or_default() as u64;
                    Status::Updated { links }
                }
                IngestOutcome::Duplicate => {
                    self.tally.duplicate += 1;
                    Status::Duplicate
                }
            };
            receipts.push(Receipt {
                line,
                own_id: Some(n.own_id),
                status,
                refused,
            });
        }
        receipts.sort_by_key(|r| r.line);
        Ok(receipts)
    }
}

/// Reads CSV (a header row, then one notification per row, as `peel_notify::csv` maps it) into
/// an importer, calling `emit` with the receipts as they are ready; the caller flushes the
/// importer afterwards, as for any other format. A header that names a column that is not a
/// Peel field and is not mapped is refused whole (the inner `Err`).
pub async fn import_csv<R: std::io::Read, E: From<StoreError>>(
    importer: &mut Importer<'_>,
    reader: R,
    mapping: &str,
    mut emit: impl FnMut(Vec<Receipt>) -> Result<(), E>,
) -> Result<Result<(), String>, E> {
    let mut csv = ::csv::ReaderBuilder::new()
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(reader);
    let header: Vec<String> = match csv.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => return Ok(Err(short(&format!("the header row cannot be read: {e}")))),
    };
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let columns = match peel_notify::csv::columns(&names, mapping) {
        Ok(c) => c,
        // The problem names a column as sent: never echo more than a short prefix of what
        // came in (finding M-5: a 256 MB header cell once came back as the error).
        Err(problem) => return Ok(Err(short(&problem))),
    };
    let mut record = ::csv::StringRecord::new();
    let mut line = 1_u64;
    loop {
        line += 1;
        match csv.read_record(&mut record) {
            Ok(false) => return Ok(Ok(())),
            Ok(true) => {
                line = record.position().map_or(line, ::csv::Position::line);
                let row: Vec<&str> = record.iter().collect();
                let text = peel_notify::csv::row_to_line(&columns, &row);
                emit(importer.line(line, Some(text.as_bytes())).await?)?;
            }
            Err(e) => emit(importer.reject(line, "csv.invalid", e.to_string()))?,
        }
    }
}

/// At most 300 characters of a message that may quote what was sent.
fn short(text: &str) -> String {
    if text.chars().count() <= 300 {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(300).collect();
    cut.push('…');
    cut
}
