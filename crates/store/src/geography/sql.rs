//! Geography's SQL.

use peel_core::TeamId;
use peel_core::audit::AuditEvent;
use peel_core::postcode::Postcode;
use peel_core::routing::{central_team_name, ward_team_name};

use super::{GeoBoroughRow, GeoPostcodeRow, GeoWardRow, GeographyImport, GeographyStore, Team};
use crate::StoreResult;
use crate::audit::commit_with;
use crate::engine::Engine;

#[async_trait::async_trait]
impl<E: Engine> GeographyStore for E {
    async fn import_geography(
        &self,
        geography: &GeographyImport,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        for table in ["geo_postcodes", "geo_wards", "geo_boroughs"] {
            tx.query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
                .execute(&mut tx)
                .await?;
        }
        for borough in &geography.boroughs {
            tx.query("INSERT INTO geo_boroughs (code, name, boundary_geojson) VALUES ($1, $2, $3)")
                .bind(&borough.code)
                .bind(&borough.name)
                .bind(&borough.boundary_geojson)
                .execute(&mut tx)
                .await?;
        }
        for ward in &geography.wards {
            tx.query("INSERT INTO geo_wards (code, name, borough_code) VALUES ($1, $2, $3)")
                .bind(&ward.code)
                .bind(&ward.name)
                .bind(&ward.borough_code)
                .execute(&mut tx)
                .await?;
            tx.query(
                "INSERT INTO teams (id, name, kind, ward_code, borough_code) \
                 VALUES ($1, $2, 'ward', $3, $4) \
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
                 borough_code = excluded.borough_code",
            )
            .bind(TeamId::of_ward(&ward.code))
            .bind(ward_team_name(&ward.name))
            .bind(&ward.code)
            .bind(&ward.borough_code)
            .execute(&mut tx)
            .await?;
        }
        for team in [
            TeamId::online(),
            TeamId::intake(),
            TeamId::fraud(),
            TeamId::safeguarding(),
        ] {
            tx.query(
                "INSERT INTO teams (id, name, kind) VALUES ($1, $2, 'central') \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&team)
            .bind(central_team_name(team.as_str()))
            .execute(&mut tx)
            .await?;
        }
        // Many rows per statement: 180,000 single inserts would take minutes.
        crate::bulk::insert_rows(
            &mut tx,
            "INSERT INTO geo_postcodes (postcode, latitude, longitude, ward_code)",
            4,
            &geography.postcodes,
            |query, row| {
                query
                    .bind(row.postcode.as_ref())
                    .bind(row.latitude)
                    .bind(row.longitude)
                    .bind(&row.ward_code)
            },
        )
        .await?;
        commit_with(tx, vec![audit]).await
    }

    async fn geography(&self) -> StoreResult<GeographyImport> {
        let db = self.db();
        let boroughs = db
            .query("SELECT code, name, boundary_geojson FROM geo_boroughs ORDER BY code")
            .all(db)
            .await?
            .iter()
            .map(|row| {
                let mut cols = row.cols("geo_boroughs");
                Ok(GeoBoroughRow {
                    code: cols.id()?,
                    name: cols.get()?,
                    boundary_geojson: cols.get()?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let wards = db
            .query("SELECT code, name, borough_code FROM geo_wards ORDER BY code")
            .all(db)
            .await?
            .iter()
            .map(|row| {
                let mut cols = row.cols("geo_wards");
                Ok(GeoWardRow {
                    code: cols.id()?,
                    name: cols.get()?,
                    borough_code: cols.get()?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let postcodes = db
            .query(
                "SELECT postcode, latitude, longitude, ward_code FROM geo_postcodes \
                 ORDER BY postcode",
            )
            .all(db)
            .await?
            .iter()
            .map(|row| {
                let mut cols = row.cols("geo_postcodes");
                let text: String = cols.id()?;
                let postcode = Postcode::parse(&text).map_err(|e| cols.corrupt(e.to_string()))?;
                Ok(GeoPostcodeRow {
                    postcode,
                    latitude: cols.get()?,
                    longitude: cols.get()?,
                    ward_code: cols.get()?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(GeographyImport {
            boroughs,
            wards,
            postcodes,
        })
    }

    async fn teams(&self) -> StoreResult<Vec<Team>> {
        let db = self.db();
        db.query("SELECT id, name, ward_code, borough_code FROM teams ORDER BY name")
            .all(db)
            .await?
            .iter()
            .map(|row| {
                let mut cols = row.cols("teams");
                Ok(Team {
                    id: cols.id()?,
                    name: cols.get()?,
                    ward: cols.get()?,
                    borough_code: cols.get()?,
                })
            })
            .collect()
    }
}
