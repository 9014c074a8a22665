//! A loaded dataset → the spreadsheet layout: one row per event (or per
//! source or image, when a site has more of those than events), the site's
//! cells on its first row and its id on every row, so the sheet can be
//! sorted and still read back.
//!
//! It writes the loaded model, so a foreign GeoJSON comes out as the viewer
//! reads it (names, events and ids made by the interop rules written out as
//! ours). What a row cannot hold goes into JSON cells rather than being
//! lost: a route or an area in `geometry`, the settings (`atlas`: title,
//! tour, kiosk…) in `dataset` on the first row.

use serde_json::{json, Value};

use crate::date::HistDate;
use crate::geo::LonLat;
use crate::model::{Atlas, Site};
use crate::shape::Shape;
use crate::text::LocalizedText;

use super::columns::Column;
use super::Table;

/// The rows of `atlas`, header first; `settings` is the file's `atlas`
/// member as written, kept whole in the `dataset` cell.
pub fn export_table(atlas: &Atlas, settings: Option<&Value>) -> Table {
    let mut rows = vec![Column::ALL.iter().map(|c| c.header().to_owned()).collect()];
    for site in &atlas.sites {
        rows.extend(site_rows(site));
    }
    if let Some(settings) = settings {
        if rows.len() == 1 {
            rows.push(vec![String::new(); Column::ALL.len()]);
        }
        rows[1][index(Column::Dataset)] = settings.to_string();
    }
    Table { sheet: None, rows }
}

fn index(column: Column) -> usize {
    Column::ALL
        .iter()
        .position(|c| *c == column)
        .unwrap_or_default()
}

fn site_rows(site: &Site) -> Vec<Vec<String>> {
    let count = site
        .events
        .len()
        .max(site.sources.len())
        .max(site.media.len())
        .max(1);
    let mut rows = vec![vec![String::new(); Column::ALL.len()]; count];
    let mut put = |row: usize, column: Column, text: String| rows[row][index(column)] = text;
    for row in 0..count {
        put(row, Column::Id, site.id.clone());
    }
    let mut pair = |row: usize, text: &LocalizedText, zh: Column, en: Column| {
        put(row, zh, text.zh.clone().unwrap_or_default());
        put(row, en, text.en.clone().unwrap_or_default());
    };
    pair(0, &site.name, Column::NameZh, Column::NameEn);
    pair(0, &site.summary, Column::SummaryZh, Column::SummaryEn);
    pair(
        0,
        &site.description,
        Column::DescriptionZh,
        Column::DescriptionEn,
    );
    pair(0, &site.address, Column::AddressZh, Column::AddressEn);
    pair(
        0,
        &site.location.note,
        Column::LocationNoteZh,
        Column::LocationNoteEn,
    );
    for (i, event) in site.events.iter().enumerate() {
        pair(i, &event.title, Column::EventTitleZh, Column::EventTitleEn);
        pair(i, &event.text, Column::EventTextZh, Column::EventTextEn);
    }
    for (i, media) in site.media.iter().enumerate() {
        pair(i, &media.alt, Column::MediaAltZh, Column::MediaAltEn);
        pair(
            i,
            &media.caption,
            Column::MediaCaptionZh,
            Column::MediaCaptionEn,
        );
    }
    let mut put = |row: usize, column: Column, text: String| rows[row][index(column)] = text;
    put(0, Column::Category, site.category.name().to_owned());
    match (&site.shape, site.position) {
        (None, Some(LonLat { lon, lat })) => {
            put(0, Column::Longitude, lon.to_string());
            put(0, Column::Latitude, lat.to_string());
        }
        (Some(shape), _) => put(0, Column::Geometry, geometry(shape).to_string()),
        (None, None) => {}
    }
    if let Some(m) = site.location.precision_m {
        put(0, Column::PrecisionM, m.to_string());
    }
    if site.location.approximate {
        put(0, Column::Approximate, "true".into());
    }
    for (i, event) in site.events.iter().enumerate() {
        put(i, Column::Date, event.date.start.to_string());
        put(
            i,
            Column::EndDate,
            event
                .date
                .end
                .as_ref()
                .map(HistDate::to_string)
                .unwrap_or_default(),
        );
        if event.date.circa {
            put(i, Column::Circa, "true".into());
        }
    }
    for (i, source) in site.sources.iter().enumerate() {
        put(i, Column::SourceTitle, source.title.clone());
        put(i, Column::SourceUrl, source.url.clone().unwrap_or_default());
        put(
            i,
            Column::SourceAccessed,
            source.accessed.clone().unwrap_or_default(),
        );
    }
    for (i, media) in site.media.iter().enumerate() {
        put(i, Column::MediaSrc, media.src.clone());
        put(
            i,
            Column::MediaCredit,
            media.credit.clone().unwrap_or_default(),
        );
        put(
            i,
            Column::MediaLicense,
            media.license.clone().unwrap_or_default(),
        );
    }
    rows
}

/// The shape as GeoJSON: one Multi* geometry per kind of part, in a
/// GeometryCollection when there are several kinds. Read back, it gives the
/// same shape (and so the same marker anchor).
fn geometry(shape: &Shape) -> Value {
    let position = |p: &LonLat| json!([p.lon, p.lat]);
    let line = |l: &Vec<LonLat>| Value::Array(l.iter().map(position).collect());
    let mut parts = Vec::new();
    if !shape.points.is_empty() {
        parts.push(json!({ "type": "MultiPoint", "coordinates": shape.points.iter().map(position).collect::<Vec<_>>() }));
    }
    if !shape.lines.is_empty() {
        parts.push(json!({ "type": "MultiLineString", "coordinates": shape.lines.iter().map(line).collect::<Vec<_>>() }));
    }
    if !shape.areas.is_empty() {
        let polygons: Vec<Value> = shape
            .areas
            .iter()
            .map(|rings| Value::Array(rings.iter().map(line).collect()))
            .collect();
        parts.push(json!({ "type": "MultiPolygon", "coordinates": polygons }));
    }
    match parts.len() {
        1 => parts.remove(0),
        _ => json!({ "type": "GeometryCollection", "geometries": parts }),
    }
}
