//! `peel geo import`: loads London's postcodes, wards and borough boundaries into the store.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Subcommand;
use peel_app::SystemClock;
use peel_core::audit::AuditCode;
use peel_core::clock::Clock;
use peel_geo::{BOROUGH_FILE, Gazetteer, POSTCODE_FILE};

use crate::StoreArgs;
use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum GeoCommand {
    /// Import geography from a folder laid out like ../shared/data/geography (replaces what is stored)
    Import {
        #[command(flatten)]
        store: StoreArgs,
        /// The folder holding codepoint_open_2025_london_postcodes.csv and london_boroughs_lad22_gen20.geojson
        folder: PathBuf,
    },
}

pub async fn run(command: GeoCommand) -> anyhow::Result<ExitCode> {
    let GeoCommand::Import { store, folder } = command;
    let started = Instant::now();
    let postcode_path = folder.join(POSTCODE_FILE);
    let borough_path = folder.join(BOROUGH_FILE);
    let postcodes = std::fs::File::open(&postcode_path)
        .with_context(|| format!("Failed to open {}", postcode_path.display()))?;
    let rows = peel_geo::read_postcode_rows(std::io::BufReader::new(postcodes))?;
    let boundaries = std::fs::read_to_string(&borough_path)
        .with_context(|| format!("Failed to read {}", borough_path.display()))?;
    let boroughs = peel_geo::read_boroughs(&boundaries)?;
    let gazetteer = Gazetteer::new(rows.clone(), boroughs)?;
    let import = peel_app::geography::to_import(&gazetteer, &rows)
        .context("Failed to read the wards of the boundary file")?;

    let settings = Settings::load(&store, None)?;
    let store = settings.open_store().await?;
    let detail = format!(
        "{} postcodes, {} wards, {} boroughs from {}",
        import.postcodes.len(),
        import.wards.len(),
        import.boroughs.len(),
        folder.display()
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
        "Imported {} postcodes, {} wards and {} boroughs in {:.1} s; every ward has its Safer Neighbourhood Team.",
        import.postcodes.len(),
        import.wards.len(),
        import.boroughs.len(),
        started.elapsed().as_secs_f64()
    ));
    derived(store.as_ref(), &folder, &rows).await?;
    crate::say(
        "Contains OS data © Crown copyright and database right 2025. Contains public sector information licensed under the Open Government Licence v3.0.",
    );
    crate::say("Restart peel serve to route by the new geography.");
    Ok(ExitCode::SUCCESS)
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
