//! Records held column by column, each value interned to a small number so that exact agreement
//! and blocking keys are integer comparisons and term frequencies are counts.

use std::collections::HashMap;
use std::io::Read;

use super::LinkError;

/// Value number 0 means missing.
pub const MISSING: u32 = 0;

/// One column's values.
#[derive(Debug, Clone, Default)]
pub struct Column {
    /// The column name.
    pub name: String,
    /// Value number of each record.
    pub values: Vec<u32>,
    /// The text of each value number (0 is the empty string).
    pub dict: Vec<String>,
    /// How many records hold each value number.
    pub counts: Vec<u32>,
    lookup: HashMap<String, u32>,
}

impl Column {
    fn new(name: &str) -> Column {
        Column {
            name: name.to_owned(),
            values: Vec::new(),
            dict: vec![String::new()],
            counts: vec![0],
            lookup: HashMap::new(),
        }
    }

    fn push(&mut self, raw: &str) {
        let text = raw.trim();
        if text.is_empty() {
            self.values.push(MISSING);
            return;
        }
        let id = if let Some(id) = self.lookup.get(text) {
            *id
        } else {
            let lower = text.to_lowercase();
            let id = match self.lookup.get(&lower) {
                Some(id) => *id,
                None => {
                    let id = u32::try_from(self.dict.len()).unwrap_or(u32::MAX);
                    self.dict.push(lower.clone());
                    self.counts.push(0);
                    self.lookup.insert(lower.clone(), id);
                    id
                }
            };
            if lower != text {
                self.lookup.insert(text.to_owned(), id);
            }
            id
        };
        if let Some(c) = self.counts.get_mut(id as usize) {
            *c += 1;
        }
        self.values.push(id);
    }

    /// The value number of record `r`.
    pub fn value(&self, r: usize) -> u32 {
        self.values.get(r).copied().unwrap_or(MISSING)
    }

    /// The text of value number `id`.
    pub fn text(&self, id: u32) -> &str {
        self.dict.get(id as usize).map_or("", String::as_str)
    }

    /// How many records have a value.
    pub fn present(&self) -> u64 {
        self.values.iter().filter(|v| **v != MISSING).count() as u64
    }
}

/// A set of records from one file (dedupe) or two (link).
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// Each record's id.
    pub ids: Vec<String>,
    /// Which input each record came from (0 or 1).
    pub source: Vec<u8>,
    /// The columns the configuration uses, by name.
    pub columns: Vec<Column>,
}

impl Records {
    /// Empty records with these columns.
    pub fn new(columns: &[String]) -> Records {
        Records {
            ids: Vec::new(),
            source: Vec::new(),
            columns: columns.iter().map(|c| Column::new(c)).collect(),
        }
    }

    /// How many records.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The position of a column.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// A column by position.
    pub fn column(&self, i: usize) -> Option<&Column> {
        self.columns.get(i)
    }

    /// Adds one record; `fields` gives a value for every column, in order.
    pub fn push<'a>(&mut self, id: &str, source: u8, fields: impl IntoIterator<Item = &'a str>) {
        self.ids.push(id.trim().to_owned());
        self.source.push(source);
        let mut fields = fields.into_iter();
        for column in &mut self.columns {
            column.push(fields.next().unwrap_or_default());
        }
    }

    /// Reads a CSV file with a header row (spaces around values are ignored, letters are
    /// compared without regard to case). `progress` is called with the bytes read so far.
    /// Returns how many records were read.
    pub fn read_csv<R: Read>(
        &mut self,
        reader: R,
        id_column: &str,
        source: u8,
        progress: &mut dyn FnMut(u64),
    ) -> Result<usize, LinkError> {
        let mut csv = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(false)
            .from_reader(reader);
        let headers = csv
            .headers()
            .map_err(|e| LinkError::Input(e.to_string()))?
            .clone();
        let find = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| LinkError::Input(format!("the file has no column {name:?}")))
        };
        let id_at = find(id_column)?;
        let at: Vec<usize> = self
            .columns
            .iter()
            .map(|c| find(&c.name))
            .collect::<Result<_, _>>()?;
        let mut record = csv::StringRecord::new();
        let mut n = 0;
        let mut seen = std::collections::HashSet::new();
        while csv
            .read_record(&mut record)
            .map_err(|e| LinkError::Input(e.to_string()))?
        {
            let line = record.position().map_or(0, csv::Position::line);
            let id = record.get(id_at).unwrap_or_default();
            if id.is_empty() {
                return Err(LinkError::Input(format!(
                    "line {line}: the record id is empty"
                )));
            }
            if !seen.insert(id.to_owned()) {
                return Err(LinkError::Input(format!(
                    "line {line}: the record id {id:?} is used twice"
                )));
            }
            self.push(
                id,
                source,
                at.iter().map(|i| record.get(*i).unwrap_or_default()),
            );
            n += 1;
            if n % 65_536 == 0 {
                progress(record.position().map_or(0, csv::Position::byte));
            }
        }
        progress(csv.position().byte());
        Ok(n)
    }
}
