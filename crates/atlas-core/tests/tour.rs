//! The tour and kiosk settings as `load` reads them: every bad chapter is
//! named with its place and skipped, the rest of the tour remains, and
//! chapters point at the sites the app actually shows.

use atlas_core::tour::DEFAULT_CHAPTER_SECONDS;
use atlas_core::{load, ChapterTime, Lang, Loaded, Severity, TimeFilter};
use serde_json::{json, Value};

const BUNDLED: &str = include_str!("../../../public/data/suzhou-red-heritage.geojson");

fn site(id: &str, date: &str) -> Value {
    json!({
        "type": "Feature",
        "geometry": { "type": "Point", "coordinates": [120.5056, 31.3875] },
        "properties": {
            "id": id,
            "name": { "zh": "地点", "en": "Site" },
            "category": "memorial",
            "events": [ { "date": date, "title": { "zh": "事件", "en": "Event" } } ],
            "sources": [ { "title": "A source" } ]
        }
    })
}

/// Sites `raid` (1939-06-24), `memorial` (1995-09) and a broken `no-events`
/// (its only event's date does not parse, so it is skipped).
fn with_atlas(atlas: Value) -> Loaded {
    let mut broken = site("no-events", "1939");
    broken["properties"]["events"][0]["date"] = json!("1939-13");
    let text = json!({
        "type": "FeatureCollection",
        "atlas": atlas,
        "features": [site("raid", "1939-06-24"), site("memorial", "1995-09"), broken]
    });
    load(&text.to_string()).expect("loads")
}

fn with_tour(chapters: Value) -> Loaded {
    with_atlas(json!({ "tour": chapters }))
}

fn chapter(extra: Value) -> Value {
    let mut chapter = json!({
        "site": "raid",
        "t": "1939-06-24",
        "title": { "zh": "夜袭", "en": "Night raid" },
        "text": { "zh": "正文。", "en": "Text." }
    });
    for (k, v) in extra.as_object().unwrap() {
        if v.is_null() {
            chapter.as_object_mut().unwrap().remove(k);
        } else {
            chapter[k] = v.clone();
        }
    }
    chapter
}

/// The settings' problems (the broken feature's own come after them).
fn tour_problems(loaded: &Loaded) -> Vec<(Severity, String, &'static str)> {
    loaded
        .problems
        .iter()
        .filter(|p| p.feature.is_none())
        .map(|p| (p.severity, p.field.clone(), p.kind.code()))
        .collect()
}

fn error(field: &str, code: &'static str) -> (Severity, String, &'static str) {
    (Severity::Error, field.to_owned(), code)
}

fn warning(field: &str, code: &'static str) -> (Severity, String, &'static str) {
    (Severity::Warning, field.to_owned(), code)
}

#[test]
fn a_good_chapter_is_resolved_to_the_site_and_its_time() {
    let loaded = with_tour(json!([chapter(json!({ "seconds": 20 }))]));
    assert_eq!(tour_problems(&loaded), vec![]);
    let tour = &loaded.atlas.settings.tour;
    assert_eq!(tour.len(), 1);
    let first = tour.chapter(0).unwrap();
    assert_eq!(loaded.atlas.sites[first.site.unwrap()].id, "raid");
    assert_eq!(first.time, ChapterTime::AsOf("1939-06-24".parse().unwrap()));
    assert_eq!(first.title.get(Lang::En), "Night raid");
    assert_eq!(first.seconds, 20.0);
}

#[test]
fn seconds_default_to_twelve() {
    let loaded = with_tour(json!([chapter(json!({}))]));
    assert_eq!(DEFAULT_CHAPTER_SECONDS, 12.0);
    assert_eq!(loaded.atlas.settings.tour.chapters[0].seconds, 12.0);
}

#[test]
fn bad_chapters_are_named_and_skipped_while_the_rest_remain() {
    let loaded = with_tour(json!([
        chapter(json!({ "title": { "zh": "第一章", "en": "One" } })),
        chapter(json!({ "site": "memorail" })),
        chapter(
            json!({ "site": "memorial", "t": "1995-09", "title": { "zh": "第三章", "en": "Three" } })
        ),
        chapter(json!({ "site": "no-such-place" })),
        chapter(json!({ "site": "no-events" })),
    ]));
    assert_eq!(
        tour_problems(&loaded),
        vec![
            error("atlas.tour[1].site", "unknown-site"),
            error("atlas.tour[3].site", "unknown-site"),
            error("atlas.tour[4].site", "site-not-shown"),
        ]
    );
    let titles: Vec<&str> = loaded
        .atlas
        .settings
        .tour
        .chapters
        .iter()
        .map(|c| c.title.get(Lang::En))
        .collect();
    assert_eq!(titles, ["One", "Three"]);
    let messages: Vec<String> = loaded
        .problems
        .iter()
        .filter(|p| p.feature.is_none())
        .map(|p| p.message(Lang::En))
        .collect();
    assert_eq!(
        messages,
        [
            "dataset, atlas.tour[1].site: no site has the id \"memorail\", probably meant \"memorial\"",
            "dataset, atlas.tour[3].site: no site has the id \"no-such-place\"; write the id of a site in this file",
            "dataset, atlas.tour[4].site: the site is feature 2, which has errors and is not shown; fix that feature first",
        ]
    );
}

#[test]
fn a_chapter_needs_a_site_or_a_box() {
    let loaded = with_tour(json!([
        chapter(json!({ "site": null })),
        chapter(json!({ "site": null, "bbox": [120.3, 31.2, 120.8, 31.6] })),
        chapter(json!({ "site": null, "bbox": [120.8, 31.2, 120.3, 31.6] })),
        chapter(json!({ "site": null, "bbox": [120.3, 31.2, 120.8] })),
        chapter(json!({ "site": null, "bbox": [120.3, 31.2, 200, 31.6] })),
        chapter(json!({ "site": null, "bbox": "120,31,121,32" })),
        chapter(json!({ "bbox": [120.3, 31.2, 120.8, 31.6] })),
    ]));
    assert_eq!(
        tour_problems(&loaded),
        vec![
            error("atlas.tour[0]", "chapter-without-place"),
            error("atlas.tour[2].bbox", "bad-bbox"),
            error("atlas.tour[3].bbox", "bad-bbox"),
            error("atlas.tour[4].bbox", "bad-bbox"),
            error("atlas.tour[5].bbox", "bad-bbox"),
        ]
    );
    let kept = &loaded.atlas.settings.tour.chapters;
    assert_eq!(kept.len(), 2);
    assert_eq!((kept[0].site, kept[1].site.is_some()), (None, true));
    let bbox = kept[0].bbox.unwrap();
    assert_eq!(
        (bbox.min.lon, bbox.min.lat, bbox.max.lon, bbox.max.lat),
        (120.3, 31.2, 120.8, 31.6)
    );
}

#[test]
fn a_chapter_needs_a_readable_time() {
    let loaded = with_tour(json!([
        chapter(json!({ "t": null })),
        chapter(json!({ "t": "1939-13" })),
        chapter(json!({ "t": null, "from": "1937" })),
        chapter(json!({ "t": null, "to": "1945" })),
        chapter(json!({ "t": null, "from": "1945", "to": "1937" })),
        chapter(json!({ "t": true })),
        chapter(json!({ "t": null, "from": "1937", "to": "1945" })),
        chapter(json!({ "from": "1939", "to": "1939" })),
        chapter(json!({ "t": 1940 })),
    ]));
    assert_eq!(
        tour_problems(&loaded),
        vec![
            error("atlas.tour[0]", "chapter-without-time"),
            error("atlas.tour[1].t", "bad-date"),
            error("atlas.tour[2].to", "missing"),
            error("atlas.tour[3].from", "missing"),
            error("atlas.tour[4].to", "period-reversed"),
            error("atlas.tour[5].t", "wrong-type"),
            warning("atlas.tour[7].t", "cursor-and-period"),
        ]
    );
    let times: Vec<TimeFilter> = loaded
        .atlas
        .settings
        .tour
        .chapters
        .iter()
        .map(|c| c.time.filter())
        .collect();
    assert_eq!(
        times,
        [
            TimeFilter::Between(1937.0, 1946.0),
            TimeFilter::Between(1939.0, 1940.0),
            TimeFilter::AsOf(1940.0),
        ]
    );
}

#[test]
fn title_and_text_are_required_and_wanted_in_both_languages() {
    let loaded = with_tour(json!([
        chapter(json!({ "title": null })),
        chapter(json!({ "text": "" })),
        chapter(json!({ "title": { "zh": " ", "en": "" } })),
        chapter(json!({ "text": 42 })),
        chapter(json!({ "title": { "zh": "只有中文" } })),
        chapter(json!({ "text": { "en": "English only" } })),
    ]));
    assert_eq!(
        tour_problems(&loaded),
        vec![
            error("atlas.tour[0].title", "missing"),
            error("atlas.tour[1].text", "missing"),
            error("atlas.tour[2].title", "missing"),
            error("atlas.tour[3].text", "wrong-type"),
            warning("atlas.tour[4].title", "missing-translation"),
            warning("atlas.tour[5].text", "missing-translation"),
        ]
    );
    let tour = &loaded.atlas.settings.tour;
    assert_eq!(tour.len(), 2, "a missing translation falls back and plays");
    assert_eq!(tour.chapters[0].title.get(Lang::En), "只有中文");
}

#[test]
fn seconds_must_be_positive_and_at_most_ten_minutes() {
    let loaded = with_tour(json!([
        chapter(json!({ "seconds": 0 })),
        chapter(json!({ "seconds": -5 })),
        chapter(json!({ "seconds": "12" })),
        chapter(json!({ "seconds": 12000 })),
        chapter(json!({ "seconds": 7.5 })),
    ]));
    assert_eq!(
        tour_problems(&loaded),
        vec![
            error("atlas.tour[0].seconds", "wrong-type"),
            error("atlas.tour[1].seconds", "wrong-type"),
            error("atlas.tour[2].seconds", "wrong-type"),
            error("atlas.tour[3].seconds", "wrong-type"),
        ]
    );
    assert_eq!(loaded.atlas.settings.tour.chapters[0].seconds, 7.5);
    let message = loaded.problems[0].kind.message(Lang::En);
    assert_eq!(
        message,
        "wrong type; write a number of seconds, more than 0 and at most 600"
    );
}

#[test]
fn a_site_not_yet_on_the_map_at_the_chapters_time_is_a_warning() {
    let loaded = with_tour(json!([
        chapter(json!({ "site": "memorial", "t": "1939-06-24" })),
        chapter(json!({ "site": "memorial", "t": null, "from": "1937", "to": "1945" })),
        chapter(json!({ "site": "memorial", "t": "1995-09" })),
    ]));
    assert_eq!(
        tour_problems(&loaded),
        vec![
            warning("atlas.tour[0].site", "site-hidden-at-time"),
            warning("atlas.tour[1].site", "site-hidden-at-time"),
        ]
    );
    assert_eq!(loaded.atlas.settings.tour.len(), 3);
    assert!(loaded.problems[0]
        .message(Lang::En)
        .contains("its first event: 1995-09"));
}

#[test]
fn a_tour_that_is_not_a_list_and_chapters_that_are_not_objects_are_errors() {
    let not_a_list = with_tour(json!({ "chapters": [] }));
    assert_eq!(
        tour_problems(&not_a_list),
        vec![error("atlas.tour", "wrong-type")]
    );
    assert!(not_a_list.atlas.settings.tour.is_empty());

    let loaded = with_tour(json!(["raid", chapter(json!({ "titel": "x" }))]));
    assert_eq!(
        tour_problems(&loaded),
        vec![
            error("atlas.tour[0]", "wrong-type"),
            warning("atlas.tour[1].titel", "likely-typo"),
        ]
    );
    assert_eq!(loaded.atlas.settings.tour.len(), 1);
}

#[test]
fn a_numeric_feature_id_can_be_named_by_its_number() {
    let mut numbered = site("x", "1939");
    numbered["properties"].as_object_mut().unwrap().remove("id");
    numbered["id"] = json!(7);
    let text = json!({
        "type": "FeatureCollection",
        "atlas": { "tour": [ chapter(json!({ "site": 7, "t": "1940" })) ] },
        "features": [numbered]
    });
    let loaded = load(&text.to_string()).unwrap();
    assert_eq!(loaded.problems, vec![]);
    assert_eq!(loaded.atlas.settings.tour.chapters[0].site, Some(0));
}

#[test]
fn kiosk_settings_are_read_and_their_mistakes_are_warnings() {
    let good = with_atlas(json!({
        "kiosk": { "enabled": true, "idle_s": 120, "public_url": "https://example.org/atlas/" }
    }));
    assert_eq!(tour_problems(&good), vec![]);
    let kiosk = &good.atlas.settings.kiosk;
    assert!(kiosk.enabled);
    assert_eq!(kiosk.idle_s, 120.0);
    assert_eq!(
        kiosk.public_url.as_deref(),
        Some("https://example.org/atlas/")
    );

    let bad =
        with_atlas(json!({ "kiosk": { "idle_s": -1, "public_url": "http://127.0.0.1:8080/" } }));
    assert_eq!(
        tour_problems(&bad),
        vec![
            warning("atlas.kiosk.idle_s", "wrong-type"),
            warning("atlas.kiosk.public_url", "bad-public-url"),
        ]
    );
    assert_eq!(bad.atlas.settings.kiosk, Default::default());
    assert_eq!(
        bad.problems[1].message(Lang::En),
        "dataset, atlas.kiosk.public_url: \"http://127.0.0.1:8080/\" points to the device itself, \
         which a visitor's phone cannot reach; write the address where the atlas is published \
         (no QR code is shown until then)"
    );
}

#[test]
fn every_tour_and_kiosk_message_exists_in_both_languages() {
    let loaded = with_atlas(json!({
        "tour": [
            chapter(json!({ "site": "nowhere" })),
            chapter(json!({ "site": "no-events" })),
            chapter(json!({ "site": null })),
            chapter(json!({ "t": null })),
            chapter(json!({ "site": null, "bbox": [1, 2] })),
            chapter(json!({ "t": null, "from": "1945", "to": "1937" })),
            chapter(json!({ "from": "1937", "to": "1945" })),
            chapter(json!({ "site": "memorial" })),
            chapter(json!({ "title": { "en": "Only English" } })),
            chapter(json!({ "seconds": 0 })),
        ],
        "kiosk": { "public_url": "ftp://example.org/" }
    }));
    let problems: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| p.feature.is_none())
        .collect();
    assert_eq!(problems.len(), 11);
    for p in problems {
        let (en, zh) = (p.kind.message(Lang::En), p.kind.message(Lang::Zh));
        assert_ne!(en, zh);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
    }
}

#[test]
fn the_bundled_tour_walks_through_history_in_date_order() {
    let loaded = load(BUNDLED).unwrap();
    assert_eq!(loaded.problems, vec![], "{:#?}", loaded.problems);
    let atlas = &loaded.atlas;
    let tour = &atlas.settings.tour;
    assert!((8..=10).contains(&tour.len()), "{} chapters", tour.len());
    assert!(
        !atlas.settings.kiosk.enabled,
        "the bundled dataset never forces kiosk mode"
    );
    // The latest moment each chapter shows: a cursor's date, a period's end.
    // A chapter about "autumn 1939" shows all of 1939, after the raid of June.
    let shown_until: Vec<f64> = tour
        .chapters
        .iter()
        .map(|c| match c.time.filter() {
            TimeFilter::AsOf(t) | TimeFilter::Between(_, t) => t,
            TimeFilter::All => f64::INFINITY,
        })
        .collect();
    assert!(
        shown_until.windows(2).all(|w| w[0] <= w[1]),
        "{shown_until:?}"
    );
    assert!((1920.0..1930.0).contains(&shown_until[0]));
    assert!((2021.0..2022.0).contains(shown_until.last().unwrap()));
    for c in &tour.chapters {
        for lang in Lang::ALL {
            assert!(c.title.exact(lang).is_some() && c.text.exact(lang).is_some());
        }
        let site = &atlas.sites[c.site.expect("every bundled chapter points at a site")];
        assert!(
            c.time.filter().admits(site),
            "{} shows at its chapter",
            site.id
        );
    }
}
