//! The force area: which borough polygon, if any, holds a point.
//!
//! Exact point-in-polygon tests are slow next to a grid lookup, so the area is pre-classified
//! on the same kind of grid: a cell well inside one borough or well outside them all answers at
//! once, and only cells that a boundary crosses fall back to the exact test.

use geo::{BoundingRect, Contains, MultiPolygon, Point, Rect};

use crate::grid::{Cells, Metres, project};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellKind {
    Outside,
    Inside(u16),
    Boundary,
}

/// Borough polygons with a pre-classified grid over them.
#[derive(Debug, Clone)]
pub(crate) struct Area {
    polygons: Vec<(u16, MultiPolygon<f64>, Rect<f64>)>,
    cells: Cells,
    mask: Vec<CellKind>,
}

impl Area {
    /// Classifies the grid; `polygons` pairs a borough index with its shape in longitude and
    /// latitude.
    pub fn build(polygons: Vec<(u16, MultiPolygon<f64>)>, cell_size: f64) -> Area {
        let polygons: Vec<(u16, MultiPolygon<f64>, Rect<f64>)> = polygons
            .into_iter()
            .filter_map(|(idx, shape)| shape.bounding_rect().map(|rect| (idx, shape, rect)))
            .collect();
        let mut min = Metres {
            x: f64::INFINITY,
            y: f64::INFINITY,
        };
        let mut max = Metres {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        };
        for (_, _, rect) in &polygons {
            let low = project(rect.min().y, rect.min().x);
            let high = project(rect.max().y, rect.max().x);
            min = Metres {
                x: min.x.min(low.x),
                y: min.y.min(low.y),
            };
            max = Metres {
                x: max.x.max(high.x),
                y: max.y.max(high.y),
            };
        }
        let margin = cell_size * 2.0;
        let cells = Cells::covering(
            Metres {
                x: min.x - margin,
                y: min.y - margin,
            },
            Metres {
                x: max.x + margin,
                y: max.y + margin,
            },
            cell_size,
        );
        let mut area = Area {
            polygons,
            cells,
            mask: vec![CellKind::Outside; cells.columns * cells.rows],
        };
        area.mark_boundaries();
        area.classify_interiors();
        area
    }

    /// The borough holding a point (latitude, longitude), if any.
    pub fn borough_at(&self, latitude: f64, longitude: f64) -> Option<u16> {
        let point = project(latitude, longitude);
        if !self.cells.contains(point) {
            return None;
        }
        let (column, row) = self.cells.cell_of(point);
        match self.mask.get(self.cells.index(column, row)) {
            Some(CellKind::Inside(borough)) => Some(*borough),
            Some(CellKind::Boundary) => self.exact(latitude, longitude),
            _ => None,
        }
    }

    /// The exact test, ignoring the grid.
    pub fn exact(&self, latitude: f64, longitude: f64) -> Option<u16> {
        let point = Point::new(longitude, latitude);
        self.polygons
            .iter()
            .filter(|(_, _, rect)| rect.contains(&point))
            .find(|(_, shape, _)| shape.contains(&point))
            .map(|(idx, _, _)| *idx)
    }

    /// Marks every cell an edge passes through, and its neighbours, as boundary.
    fn mark_boundaries(&mut self) {
        let step = self.cells.size / 4.0;
        let mut marks = Vec::new();
        for (_, shape, _) in &self.polygons {
            for polygon in shape {
                let rings = std::iter::once(polygon.exterior()).chain(polygon.interiors());
                for ring in rings {
                    for line in ring.lines() {
                        let from = project(line.start.y, line.start.x);
                        let to = project(line.end.y, line.end.x);
                        let length = ((to.x - from.x).powi(2) + (to.y - from.y).powi(2)).sqrt();
                        let n_steps = (length / step).ceil().max(1.0) as usize;
                        for i in 0..=n_steps {
                            let t = i as f64 / n_steps as f64;
                            let sample = Metres {
                                x: from.x + t * (to.x - from.x),
                                y: from.y + t * (to.y - from.y),
                            };
                            marks.push(self.cells.cell_of(sample));
                        }
                    }
                }
            }
        }
        for (column, row) in marks {
            for dr in -1isize..=1 {
                for dc in -1isize..=1 {
                    let (c, r) = (column as isize + dc, row as isize + dr);
                    if c >= 0
                        && r >= 0
                        && (c as usize) < self.cells.columns
                        && (r as usize) < self.cells.rows
                    {
                        let idx = self.cells.index(c as usize, r as usize);
                        if let Some(kind) = self.mask.get_mut(idx) {
                            *kind = CellKind::Boundary;
                        }
                    }
                }
            }
        }
    }

    /// Classifies every cell no edge crosses by the exact test at its centre.
    fn classify_interiors(&mut self) {
        let degrees_per_metre_y = 1.0 / crate::grid::project(52.5, 0.0).y;
        let degrees_per_metre_x = 1.0 / crate::grid::project(51.5, 1.0).x;
        for row in 0..self.cells.rows {
            for column in 0..self.cells.columns {
                let idx = self.cells.index(column, row);
                if self.mask.get(idx) == Some(&CellKind::Boundary) {
                    continue;
                }
                let centre = Metres {
                    x: self.cells.min.x + (column as f64 + 0.5) * self.cells.size,
                    y: self.cells.min.y + (row as f64 + 0.5) * self.cells.size,
                };
                let latitude = 51.5 + centre.y * degrees_per_metre_y;
                let longitude = centre.x * degrees_per_metre_x;
                let kind = match self.exact(latitude, longitude) {
                    Some(borough) => CellKind::Inside(borough),
                    None => CellKind::Outside,
                };
                if let Some(slot) = self.mask.get_mut(idx) {
                    *slot = kind;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, Polygon};

    fn square(min_lon: f64, min_lat: f64, size: f64) -> MultiPolygon<f64> {
        let ring = LineString::from(vec![
            (min_lon, min_lat),
            (min_lon + size, min_lat),
            (min_lon + size, min_lat + size),
            (min_lon, min_lat + size),
            (min_lon, min_lat),
        ]);
        MultiPolygon::new(vec![Polygon::new(ring, vec![])])
    }

    #[test]
    fn the_grid_agrees_with_the_exact_test_everywhere() {
        let area = Area::build(
            vec![(0, square(-0.2, 51.4, 0.1)), (1, square(-0.1, 51.4, 0.1))],
            250.0,
        );
        for i in 0..200 {
            for j in 0..120 {
                let longitude = -0.25 + f64::from(i) * 0.0017;
                let latitude = 51.35 + f64::from(j) * 0.0017;
                assert_eq!(
                    area.borough_at(latitude, longitude),
                    area.exact(latitude, longitude),
                    "{latitude} {longitude}"
                );
            }
        }
    }
}
