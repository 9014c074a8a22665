//! The bundled files and the world-layer rule agree: the Suzhou dataset
//! never fetches the world layer, and the world layer's land is where land is
//! (the rings cut at the antimeridian and around Antarctica closed on the
//! right side).

use std::path::{Path, PathBuf};

use atlas_core::basemap::{read_basemap, BasemapShape};
use atlas_core::world_layer::{extent_of, world_layer_needed, WORLD_LAYERS};
use atlas_core::{load, LonLat, Viewport, WorldPoint};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn world(kind: &str) -> Vec<BasemapShape> {
    let (_, path) = WORLD_LAYERS.iter().find(|(k, _)| *k == kind).unwrap();
    read_basemap(&read(&repo().join("public").join(path))).unwrap()
}

fn inside(p: WorldPoint, ring: &[WorldPoint]) -> bool {
    let mut odd = false;
    for (a, b) in ring.iter().zip(ring.iter().cycle().skip(1)) {
        if (a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y) {
            odd = !odd;
        }
    }
    odd
}

fn on_land(land: &[BasemapShape], lon: f64, lat: f64) -> bool {
    let p = LonLat::new(lon, lat).to_world();
    land.iter()
        .flat_map(|s| &s.parts)
        .filter(|ring| inside(p, ring))
        .count()
        % 2
        == 1
}

#[test]
fn the_bundled_suzhou_dataset_does_not_need_the_world_layer() {
    let data = repo().join("public/data");
    let loaded = load(&read(&data.join("suzhou-red-heritage.geojson"))).unwrap();
    let layers: Vec<BasemapShape> = loaded
        .atlas
        .settings
        .basemap
        .iter()
        .flat_map(|l| read_basemap(&read(&data.join(&l.url))).unwrap())
        .collect();
    assert!(!layers.is_empty(), "Suzhou brings its regional layers");
    let regional = extent_of(&layers);
    let sites = loaded.atlas.bounds();
    assert!(sites.is_some());
    // The first view, as the map fits it on a desktop and on a phone.
    for (w, h) in [(1280.0, 720.0), (390.0, 500.0), (1920.0, 1080.0)] {
        let view = Viewport::fit(sites.unwrap(), w, h, 48.0, 14.0);
        assert!(!world_layer_needed(sites, regional, Some(&view)), "{w}×{h}");
    }
}

#[test]
fn the_world_layer_has_land_where_land_is_and_sea_where_sea_is() {
    let land = world("land");
    assert!(land.iter().all(|s| s.filled));
    for (lon, lat, place) in [
        (2.35, 48.86, "Paris"),
        (-74.0, 40.7, "New York"),
        (-47.9, -15.8, "Brasília"),
        (120.6, 31.3, "Suzhou"),
        (90.0, 60.0, "Siberia"),
        (178.0, 67.0, "Chukotka, west of 180°"),
        (-175.0, 66.5, "Chukotka, east of 180°"),
        (0.0, -80.0, "Antarctica"),
        (134.0, -25.0, "Australia"),
    ] {
        assert!(on_land(&land, lon, lat), "{place} should be land");
    }
    for (lon, lat, place) in [
        (-30.0, 30.0, "the Atlantic"),
        (-150.0, 0.0, "the Pacific"),
        (80.0, -30.0, "the Indian Ocean"),
        (0.0, 80.0, "the Arctic"),
        (-150.0, -65.0, "the Southern Ocean"),
    ] {
        assert!(!on_land(&land, lon, lat), "{place} should be sea");
    }
}

#[test]
fn the_world_layer_has_big_lakes_and_major_rivers_only() {
    let lakes = world("lake");
    let rivers = world("river");
    assert!(lakes.iter().all(|s| s.filled) && lakes.len() > 50);
    assert!(rivers.iter().all(|s| !s.filled) && rivers.len() > 100);
    // Lake Superior and the Caspian are there; the Baltic is sea, not a lake.
    assert!(on_land(&lakes, -88.0, 47.5), "Lake Superior");
    assert!(on_land(&lakes, 51.0, 42.0), "the Caspian");
    assert!(!on_land(&lakes, 19.0, 57.0), "the Baltic");
}
