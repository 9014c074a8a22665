//! GeoJSON as other tools write it: no dates, no ids, no names, one Feature
//! or a bare geometry, a `crs` member. Each still shows what it holds, and
//! each kind of mapping is said once for the whole file.

use atlas_core::{load, FatalError, Lang, ProblemKind, Severity, TimeFilter};
use serde_json::{json, Value};

fn collection(features: Vec<Value>) -> String {
    json!({ "type": "FeatureCollection", "features": features }).to_string()
}

fn point(props: Value) -> Value {
    json!({
        "type": "Feature",
        "geometry": { "type": "Point", "coordinates": [2.35, 48.85] },
        "properties": props
    })
}

fn file_wide(loaded: &atlas_core::Loaded, code: &str) -> Vec<atlas_core::Problem> {
    loaded
        .problems
        .iter()
        .filter(|p| p.kind.code() == code)
        .cloned()
        .collect()
}

#[test]
fn places_without_dates_show_undated_with_one_warning_for_the_file() {
    let features = (0..5)
        .map(|i| point(json!({ "name": format!("Place {i}"), "category": "landmark" })))
        .collect();
    let loaded = load(&collection(features)).unwrap();
    assert_eq!(loaded.atlas.sites.len(), 5);
    assert!(loaded.atlas.sites.iter().all(|s| s.is_undated()));
    assert_eq!(loaded.errors().count(), 0);
    let undated = file_wide(&loaded, "undated");
    assert_eq!(undated.len(), 1, "one warning, not one per feature");
    assert_eq!(undated[0].severity, Severity::Warning);
    assert_eq!(undated[0].feature, None);
    let message = undated[0].message(Lang::En);
    assert!(
        message.contains(
            "5 places have no date (features 0, 1, 2 and 2 more): shown on the map, not on the timeline"
        ),
        "{message}"
    );
    // No time filter hides them: they have no time to be filtered by.
    let later = TimeFilter::AsOf(atlas_core::HistDate::year(1900).start_years());
    assert_eq!(loaded.atlas.visible_sites(later).len(), 5);
}

#[test]
fn an_empty_events_list_is_an_undated_place_too() {
    let loaded = load(&collection(vec![point(
        json!({ "id": "a", "name": "A", "events": [] }),
    )]))
    .unwrap();
    assert_eq!(loaded.atlas.sites.len(), 1);
    assert_eq!(file_wide(&loaded, "undated").len(), 1);
}

#[test]
fn missing_ids_come_from_names_then_indexes_and_are_the_same_on_every_load() {
    let text = collection(vec![
        point(json!({ "name": "Fort Snelling" })),
        point(json!({ "name": "Fort Snelling" })),
        point(json!({ "name": "中国刺绣艺术馆" })),
        point(json!({})),
    ]);
    let ids = |text: &str| -> Vec<String> {
        load(text)
            .unwrap()
            .atlas
            .sites
            .iter()
            .map(|s| s.id.clone())
            .collect()
    };
    assert_eq!(
        ids(&text),
        ["fort-snelling", "fort-snelling-2", "feature-2", "feature-3"]
    );
    assert_eq!(ids(&text), ids(&text));
    let loaded = load(&text).unwrap();
    assert_eq!(
        file_wide(&loaded, "generated-ids")[0].kind,
        ProblemKind::GeneratedIds {
            features: vec![0, 1, 2, 3]
        }
    );
}

#[test]
fn an_id_written_later_in_the_file_wins_over_a_made_up_one() {
    let loaded = load(&collection(vec![
        point(json!({ "name": "Castle" })),
        point(json!({ "id": "castle", "name": "Another castle" })),
    ]))
    .unwrap();
    let ids: Vec<_> = loaded.atlas.sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["castle-2", "castle"]);
    assert_eq!(loaded.errors().count(), 0);
}

#[test]
fn openstreetmap_ids_are_accepted_as_written() {
    let mut way = point(json!({ "name": "Wall", "@id": "way/4" }));
    way["id"] = json!("way/4");
    let loaded = load(&collection(vec![
        way,
        point(json!({ "name": "Gate", "@id": "node/123" })),
    ]))
    .unwrap();
    let ids: Vec<_> = loaded.atlas.sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["way/4", "node/123"]);
    assert!(file_wide(&loaded, "generated-ids").is_empty());
    assert!(
        !loaded
            .problems
            .iter()
            .any(|p| p.kind.code() == "likely-typo"),
        "{:?}",
        loaded.problems
    );
}

#[test]
fn names_come_from_name_title_tags_then_capitals_and_unnamed_places_still_show() {
    let loaded = load(&collection(vec![
        point(json!({ "id": "a", "name": "Name", "title": "Title" })),
        point(json!({ "id": "b", "title": "Title", "name:en": "Tag" })),
        point(json!({ "id": "c", "name:en": "Tag", "name:zh": "标签", "NAME": "Caps" })),
        point(json!({ "id": "d", "NAME": "Caps" })),
        point(json!({ "id": "e", "prop0": "value0" })),
    ]))
    .unwrap();
    let names: Vec<_> = loaded
        .atlas
        .sites
        .iter()
        .map(|s| {
            (
                s.name.get(Lang::En).to_owned(),
                s.name.get(Lang::Zh).to_owned(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Name".into(), "Name".into()),
            ("Title".into(), "Title".into()),
            ("Tag".into(), "标签".into()),
            ("Caps".into(), "Caps".into()),
            (
                "Unnamed place (feature 4)".to_owned(),
                "未命名地点（要素 4）".to_owned()
            ),
        ]
    );
    let unnamed = loaded
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::Unnamed)
        .unwrap();
    assert_eq!(
        (unnamed.feature, unnamed.severity),
        (Some(4), Severity::Warning)
    );
    // Three ways of naming, each said once for the file.
    assert_eq!(file_wide(&loaded, "mapped").len(), 3);
}

#[test]
fn a_mapping_is_one_warning_for_the_file_naming_its_features() {
    let features = (0..40)
        .map(|i| point(json!({ "id": format!("s{i}"), "name": "S", "year": 1900 + i })))
        .collect();
    let loaded = load(&collection(features)).unwrap();
    let mapped = file_wide(&loaded, "mapped");
    assert_eq!(mapped.len(), 1);
    assert_eq!(mapped[0].feature, None);
    assert_eq!(mapped[0].field, "properties.year");
    let message = mapped[0].message(Lang::En);
    assert!(
        message.contains("40 features (features 0, 1, 2 and 37 more)"),
        "{message}"
    );
    assert!(mapped[0].message(Lang::Zh).contains("40 个要素"));
}

#[test]
fn other_producers_fields_are_not_called_typos() {
    // The USGS feed's `ids`/`types`/`sources` (a string) and OSM's `source`.
    let loaded = load(&collection(vec![point(json!({
        "id": "us7000", "name": "Quake", "ids": ",us7000,", "types": ",origin,",
        "sources": ",us,", "source": "survey", "sourceId": "x"
    }))]))
    .unwrap();
    assert!(
        !loaded
            .problems
            .iter()
            .any(|p| p.kind.code() == "likely-typo"),
        "{:#?}",
        loaded.problems
    );
    // A real slip is still named when the field it resembles is absent.
    let loaded = load(&collection(vec![point(
        json!({ "id": "a", "name": "A", "sumary": "x" }),
    )]))
    .unwrap();
    assert!(loaded.problems.iter().any(|p| p.kind
        == ProblemKind::LikelyTypo {
            found: "sumary".into(),
            meant: "summary"
        }));
}

#[test]
fn a_single_feature_is_a_one_site_dataset() {
    let feature = json!({
        "type": "Feature", "bbox": [2.0, 48.0, 3.0, 49.0],
        "geometry": { "type": "Point", "coordinates": [2.35, 48.85] },
        "properties": { "name": "Paris" }
    });
    let loaded = load(&feature.to_string()).unwrap();
    assert_eq!(loaded.atlas.sites.len(), 1);
    assert_eq!(loaded.atlas.sites[0].id, "paris");
    assert_eq!(loaded.errors().count(), 0);
}

#[test]
fn a_bare_geometry_is_a_one_site_dataset() {
    let geometry = json!({ "type": "LineString", "coordinates": [[2.0, 48.0], [3.0, 49.0]] });
    let loaded = load(&geometry.to_string()).unwrap();
    assert_eq!(loaded.atlas.sites.len(), 1);
    let site = &loaded.atlas.sites[0];
    assert_eq!(site.name.get(Lang::En), "Unnamed place (feature 0)");
    assert!(site.position.is_some());
}

#[test]
fn crs84_is_accepted_silently_and_any_other_crs_is_refused() {
    let with_crs = |name: &str| {
        json!({
            "type": "FeatureCollection",
            "crs": { "type": "name", "properties": { "name": name } },
            "bbox": [2.0, 48.0, 3.0, 49.0],
            "features": [point(json!({ "id": "a", "name": "A", "category": "landmark",
                "events": [{ "date": "1900", "title": "T" }], "sources": [{ "title": "S" }] }))]
        })
        .to_string()
    };
    for name in [
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "EPSG:4326",
        "urn:ogc:def:crs:EPSG::4326",
    ] {
        let loaded = load(&with_crs(name)).unwrap();
        assert_eq!(loaded.problems, vec![], "{name}");
    }
    let err = load(&with_crs("urn:ogc:def:crs:EPSG::3857")).unwrap_err();
    assert_eq!(
        err,
        FatalError::UnsupportedCrs {
            name: "urn:ogc:def:crs:EPSG::3857".into()
        }
    );
    assert!(err.to_string().contains("CRS84"));
    assert!(err.message(Lang::Zh).contains("WGS84"));
}

#[test]
fn time_fields_other_tools_write_become_one_event_each_said_once_per_file() {
    let cases = [
        (json!({ "time": 1395409267500_i64 }), "21 March 2014"),
        (
            json!({ "times": ["2019-11-23 10:51:06", "2019-11-23 11:29:06"] }),
            "23 November 2019",
        ),
        (
            json!({ "start": "8/24/1914", "end": "8/30/1914" }),
            "24–30 August 1914",
        ),
        (json!({ "century": 12 }), "1101–1200"),
        (json!({ "founded": "1814 (First post)" }), "1814"),
        (json!({ "start_date": "~1850" }), "c. 1850"),
    ];
    for (props, shown) in cases {
        let mut props = props;
        props["name"] = json!("Place");
        let loaded = load(&collection(vec![
            point(props.clone()),
            point(props.clone()),
        ]))
        .unwrap();
        let site = &loaded.atlas.sites[0];
        assert_eq!(site.events.len(), 1, "{props}");
        assert_eq!(site.events[0].date.format(Lang::En), shown, "{props}");
        assert_eq!(
            file_wide(&loaded, "mapped").len(),
            1,
            "{props}: once for the file"
        );
    }
}

#[test]
fn an_ambiguous_day_and_month_is_read_month_first_and_said() {
    let loaded = load(&collection(vec![point(
        json!({ "id": "a", "name": "Battle", "start": "3/4/1863" }),
    )]))
    .unwrap();
    assert_eq!(
        loaded.atlas.sites[0].events[0].date.format(Lang::En),
        "4 March 1863"
    );
    let warning = loaded
        .problems
        .iter()
        .find(|p| p.kind.code() == "ambiguous-date")
        .unwrap();
    assert_eq!(
        (warning.feature, warning.field.as_str()),
        (Some(0), "properties.start")
    );
    assert!(warning.message(Lang::En).contains("read as 4 March 1863"));
}

#[test]
fn text_that_holds_no_date_leaves_the_place_undated_with_the_text_kept() {
    let loaded = load(&collection(vec![point(
        json!({ "id": "a", "name": "Mill", "built": "Late 1700s" }),
    )]))
    .unwrap();
    let site = &loaded.atlas.sites[0];
    assert!(site.is_undated());
    let written = site.date_as_written.as_ref().unwrap();
    assert_eq!(
        (written.field.as_str(), written.text.as_str()),
        ("built", "Late 1700s")
    );
    assert_eq!(loaded.errors().count(), 0);
    assert_eq!(file_wide(&loaded, "undated").len(), 1);
}

#[test]
fn another_tools_own_fields_are_kept_as_written_for_the_panel() {
    let loaded = load(&collection(vec![point(json!({
        "historic": "castle", "mag": 4.4, "wikidata": "Q1", "tags": { "a": 1 },
        "marker-color": "#f00", "blank": " "
    }))]))
    .unwrap();
    let fields = &loaded.atlas.sites[0].other_fields;
    let keys: Vec<_> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
    assert_eq!(keys, ["historic=castle", "mag=4.4", "wikidata=Q1"]);
    // A file written for the viewer keeps none: its own fields say everything.
    let ours = load(&collection(vec![point(json!({
        "id": "a", "name": "A", "events": [{ "date": "1900", "title": "T" }], "synthetic": true
    }))]))
    .unwrap();
    assert!(ours.atlas.sites[0].other_fields.is_empty());
}
