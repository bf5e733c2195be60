//! `peel geo import`: loads London's postcodes, wards and borough boundaries into the store.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Subcommand;
use peel_app::SystemClock;
use peel_core::audit::AuditCode;
use peel_core::clock::Clock;
use peel_geo::Gazetteer;
use peel_geo::sources::{self, FileKind, ForceArea, Names, SourcePostcode};

use crate::StoreArgs;
use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum GeoCommand {
    /// Import geography from the files their publishers ship, found by content in the files and
    /// folders given: OS Code-Point Open's CSVs, or the ONS Postcode Directory (ONSPD) or
    /// National Statistics Postcode Lookup (NSPL); an ONS ward to local authority lookup for
    /// the names; local authority boundaries as GeoJSON or ESRI Shapefile, in WGS84 or British
    /// National Grid. Replaces what is stored; prints postcodes=N wards=N boroughs=N outside=N
    Import {
        #[command(flatten)]
        store: StoreArgs,
        /// Files or folders (folders are read with everything in them)
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The force area: london (every London borough and the City), met (the Met's 32
        /// boroughs), local authorities' GSS codes, comma-separated, or boundary:FILE (a
        /// GeoJSON boundary, such as ONS's police force area) [default: the force_area
        /// setting, london]
        #[arg(long)]
        force_area: Option<String>,
    },
}

/// Every file under the paths given, in name order.
fn files_under(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut pending: Vec<PathBuf> = paths.to_vec();
    // Each folder once, by its real path, so that a link back up the tree ends.
    let mut seen = std::collections::HashSet::new();
    while let Some(path) = pending.pop() {
        let meta = std::fs::metadata(&path)
            .with_context(|| format!("Failed to open {}", path.display()))?;
        if meta.is_dir() {
            if !seen.insert(std::fs::canonicalize(&path)?) {
                continue;
            }
            for entry in std::fs::read_dir(&path)
                .with_context(|| format!("Failed to read the folder {}", path.display()))?
            {
                pending.push(entry?.path());
            }
        } else {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// What the files given hold, read by kind.
#[derive(Default)]
struct Read {
    postcodes: Vec<SourcePostcode>,
    passed_over: u64,
    names: Names,
    boundaries: Vec<peel_geo::Borough>,
    /// Files read, by kind, and those passed over with why.
    read: Vec<(String, &'static str)>,
    ignored: Vec<(String, String)>,
}

fn read_sources(files: &[PathBuf]) -> anyhow::Result<Read> {
    let mut read = Read::default();
    for path in files {
        let name = path.display().to_string();
        let mut head = vec![0_u8; 8 * 1024];
        let n = std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
            .with_context(|| format!("Failed to read {name}"))?;
        head.truncate(n);
        let open = || {
            std::fs::File::open(path)
                .map(std::io::BufReader::new)
                .with_context(|| format!("Failed to open {name}"))
        };
        // Boundaries read, or why the file is passed over when they are not local authorities'.
        let mut boundaries = |found: Option<Vec<peel_geo::Borough>>| match found {
            Some(found) => {
                read.boundaries.extend(found);
                Ok("local authority boundaries")
            }
            None => Err("boundaries, but not of local authorities".to_owned()),
        };
        let kind = sources::detect(&name, &head);
        let outcome: Result<&'static str, String> = match kind {
            FileKind::CodePointOpen => {
                let got = sources::read_code_point(&name, open()?)?;
                read.passed_over += got.passed_over;
                read.postcodes.extend(got.postcodes);
                Ok("Code-Point Open postcodes")
            }
            FileKind::PostcodeDirectory => {
                let got = sources::read_postcode_directory(&name, open()?)?;
                read.passed_over += got.passed_over;
                read.postcodes.extend(got.postcodes);
                Ok("ONS postcode directory")
            }
            FileKind::PeelPostcodes => {
                for row in peel_geo::read_postcode_rows(open()?)? {
                    read.names.wards.insert(
                        row.ward_code.clone(),
                        (row.ward_name.clone(), row.borough_code.clone()),
                    );
                    read.postcodes.push(SourcePostcode {
                        postcode: row.postcode,
                        latitude: row.latitude,
                        longitude: row.longitude,
                        ward_code: row.ward_code,
                        district_code: row.borough_code,
                    });
                }
                Ok("postcodes with their wards")
            }
            FileKind::Names => {
                sources::read_names(&name, open()?, &mut read.names)?;
                Ok("ward and local authority names")
            }
            FileKind::GeoJson => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("Failed to read {name}"))?;
                boundaries(sources::read_boundaries_geojson(&name, &text)?)
            }
            FileKind::Shapefile => {
                let beside = |ext: &str| path.with_extension(ext);
                let dbf = std::fs::File::open(beside("dbf")).with_context(|| {
                    format!("{name} needs its .dbf beside it, with the same name")
                })?;
                let prj = std::fs::read_to_string(beside("prj")).ok();
                let shp = std::io::BufReader::new(
                    std::fs::File::open(path).with_context(|| format!("Failed to open {name}"))?,
                );
                boundaries(sources::read_boundaries_shapefile(
                    &name,
                    shp,
                    std::io::BufReader::new(dbf),
                    prj.as_deref(),
                )?)
            }
            FileKind::CodePointHeaders => Err("Code-Point Open's column headers".to_owned()),
            FileKind::Other(why) => Err(why),
        };
        match outcome {
            Ok(label) => read.read.push((name, label)),
            Err(why) => read.ignored.push((name, why)),
        }
    }
    Ok(read)
}

pub async fn run(command: GeoCommand) -> anyhow::Result<ExitCode> {
    let GeoCommand::Import {
        store,
        paths,
        force_area,
    } = command;
    let started = Instant::now();
    let settings = Settings::load(&store, None)?;
    let wanted = force_area.as_deref().unwrap_or(&settings.force_area);
    let area = match wanted.strip_prefix("boundary:") {
        // A boundary file: what lies within it (a police force area's, say).
        Some(file) => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("Failed to read the force area's boundary {file}"))?;
            sources::read_area_geojson(file, &text)?
        }
        None => ForceArea::parse(wanted)
            .map_err(anyhow::Error::msg)
            .context("Failed to read the force area")?,
    };
    let files = files_under(&paths)?;
    let read = read_sources(&files)?;
    for (name, label) in &read.read {
        crate::say(&format!("Read {name}: {label}."));
    }
    for (name, why) in &read.ignored {
        crate::say(&format!("Passed over {name}: {why}."));
    }
    anyhow::ensure!(
        !read.postcodes.is_empty(),
        "No postcodes were found in {}: give Code-Point Open's CSV files, the ONS Postcode \
         Directory or the National Statistics Postcode Lookup (see the README, \"Geography \
         from the official downloads\")",
        display(&paths)
    );
    anyhow::ensure!(
        !read.boundaries.is_empty(),
        "No local authority boundaries were found in {}: give the ONS boundary file \
         (GeoJSON or Shapefile, with LADnnCD codes)",
        display(&paths)
    );
    let assembly = sources::assemble(read.postcodes, &read.names, read.boundaries, &area)?;
    if assembly.unnamed_wards > 0 {
        crate::say(&format!(
            "{} wards have no name in the lookups read, and are named by their code: add the \
             ONS ward to local authority lookup to name them.",
            assembly.unnamed_wards
        ));
    }
    let rows = assembly.rows;
    let gazetteer = Gazetteer::new(rows.clone(), assembly.boroughs)?;
    let import = peel_app::geography::to_import(&gazetteer, &rows)
        .context("Failed to read the wards of the boundary file")?;

    let store = settings.open_store().await?;
    let detail = format!(
        "{} postcodes, {} wards, {} boroughs ({} postcodes outside the force area) from {}",
        import.postcodes.len(),
        import.wards.len(),
        import.boroughs.len(),
        assembly.outside,
        display(&paths)
    );
    let event = peel_app::audit::event(
        &crate::console_actor(),
        SystemClock.now(),
        AuditCode::GeographyImported,
        "geography",
        detail,
    );
    store
        .import_geography(&import, event)
        .await
        .context("Failed to store the geography")?;
    crate::say(&format!(
        "Imported {} postcodes, {} wards and {} boroughs in {:.1} s; every ward has its Safer Neighbourhood Team{}.",
        import.postcodes.len(),
        import.wards.len(),
        import.boroughs.len(),
        started.elapsed().as_secs_f64(),
        if read.passed_over > 0 {
            format!(
                " ({} postcodes passed over: terminated, or without a grid reference or ward)",
                read.passed_over
            )
        } else {
            String::new()
        }
    ));
    for folder in paths.iter().filter(|p| p.is_dir()) {
        derived(store.as_ref(), folder, &rows).await?;
    }
    crate::say(
        "Contains OS data © Crown copyright and database right 2025. Contains public sector information licensed under the Open Government Licence v3.0.",
    );
    crate::say("Restart peel serve to route by the new geography.");
    crate::say(&format!(
        "postcodes={} wards={} boroughs={} outside={}",
        import.postcodes.len(),
        import.wards.len(),
        import.boroughs.len(),
        assembly.outside
    ));
    Ok(ExitCode::SUCCESS)
}

fn display(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the statistics need beyond routing, where the folder holds its files: ward outlines
/// dissolved from the 2021 LSOAs, and residents apportioned from the GLA's 2014-ward figures.
async fn derived(
    store: &dyn peel_store::Store,
    folder: &std::path::Path,
    rows: &[peel_geo::PostcodeRow],
) -> anyhow::Result<()> {
    let lsoa_path = folder.join(peel_geo::LSOA_FILE);
    if lsoa_path.exists() {
        let text = std::fs::read_to_string(&lsoa_path)
            .with_context(|| format!("Failed to read {}", lsoa_path.display()))?;
        let outlines = peel_app::geography::outlines(rows, &text)?;
        store.replace_ward_outlines(&outlines).await?;
        crate::say(&format!(
            "Drew {} ward outlines from the 2021 LSOAs (wards smaller than an LSOA, most of the City's, have none).",
            outlines.len()
        ));
    }
    let population_path = folder.join(peel_geo::POPULATION_FILE);
    let wards_path = folder.join(peel_geo::WARDS_2014_FILE);
    if population_path.exists() && wards_path.exists() {
        let wards = std::fs::read_to_string(&wards_path)
            .with_context(|| format!("Failed to read {}", wards_path.display()))?;
        let file = std::fs::File::open(&population_path)
            .with_context(|| format!("Failed to open {}", population_path.display()))?;
        let (residents, lost) = peel_app::geography::residents(
            rows,
            &wards,
            flate2::read::GzDecoder::new(std::io::BufReader::new(file)),
        )?;
        store.replace_ward_residents(&residents).await?;
        let wards_with: std::collections::BTreeSet<&str> =
            residents.iter().map(|r| r.0.as_str()).collect();
        crate::say(&format!(
            "Apportioned residents to {} current wards from the GLA's 2014-ward figures{}.",
            wards_with.len(),
            if lost.is_empty() {
                String::new()
            } else {
                format!(
                    "; {} wards' figures could not be placed: {}",
                    lost.len(),
                    lost.join(", ")
                )
            }
        ));
    }
    Ok(())
}
