//! Loading datasets end to end: the bundled one must be clean, and every kind
//! of mistake must be reported with its place while the rest still loads.

use atlas_core::{load, Atlas, Category, FatalError, Lang, ProblemKind, Severity, Site};
use serde_json::{json, Value};

const BUNDLED: &str = include_str!("../../../public/data/suzhou-red-heritage.geojson");

fn collection(features: Vec<Value>) -> String {
    json!({ "type": "FeatureCollection", "features": features }).to_string()
}

fn site(id: &str) -> Value {
    json!({
        "type": "Feature",
        "geometry": { "type": "Point", "coordinates": [120.5056, 31.3875] },
        "properties": {
            "id": id,
            "name": { "zh": "纪念碑", "en": "Memorial" },
            "category": "memorial",
            "events": [ { "date": "1939-06-24", "title": { "zh": "夜袭", "en": "Night raid" } } ],
            "summary": { "zh": "摘要", "en": "Summary" },
            "sources": [ { "title": "A source", "url": "https://example.org/a" } ]
        }
    })
}

fn with(mut feature: Value, pointer: &str, value: Value) -> Value {
    *feature
        .pointer_mut(pointer)
        .expect("pointer exists in the template") = value;
    feature
}

#[test]
fn the_bundled_dataset_loads_without_a_single_problem() {
    let loaded = load(BUNDLED).expect("bundled dataset parses");
    assert_eq!(loaded.problems, vec![], "{:#?}", loaded.problems);
    let atlas = &loaded.atlas;
    assert!(atlas.sites.len() >= 12);
    for id in [
        "embroidery-museum",
        "xushuguan-raid-memorial",
        "shishan-party-base",
    ] {
        assert!(atlas.site_index(id).is_some(), "{id} is in the dataset");
    }
    for site in &atlas.sites {
        assert!(!site.sources.is_empty(), "{} has a source", site.id);
        assert!(
            site.name.exact(Lang::Zh).is_some() && site.name.exact(Lang::En).is_some(),
            "{} is bilingual",
            site.id
        );
    }
}

#[test]
fn the_bundled_facts_match_the_research() {
    let atlas = load(BUNDLED).unwrap().atlas;
    let raid = &atlas.sites[atlas.site_index("xushuguan-raid-memorial").unwrap()];
    assert_eq!(raid.category, Category::Memorial);
    assert_eq!(raid.events[0].date.format(Lang::En), "24 June 1939");
    assert_eq!(raid.location.precision_m, Some(300.0));
    let shishan = &atlas.sites[atlas.site_index("shishan-party-base").unwrap()];
    assert!(
        shishan.location.approximate,
        "the Shishan base is marked approximate"
    );
    let temple = &atlas.sites[atlas.site_index("hanshan-temple").unwrap()];
    assert!(
        temple.events[0].date.circa,
        "the temple's founding is circa"
    );
    let cemetery = &atlas.sites[atlas.site_index("hengshan-martyrs-cemetery").unwrap()];
    assert_eq!(
        cemetery.position, None,
        "not located: no invented coordinates"
    );

    // The corrections of issue 11, each against the Corrections section of
    // research/suzhou-sites.md, so none of them can quietly come undone.
    // Xushuguan: 第二路 is the unit that led the attack; 车务段, not 站段; the
    // casualty figures differ by source (20余人, 30余人, 55人 with a puppet company).
    let raid_zh = told(&atlas, "xushuguan-raid-memorial", Lang::Zh);
    let raid_en = told(&atlas, "xushuguan-raid-memorial", Lang::En);
    for said in [
        "江抗第二路",
        "苏州市郊区人民政府",
        "苏州车务段",
        "毙伤",
        "说法不一（20余人至55人",
        "建立纪念碑",
    ] {
        assert!(raid_zh.contains(said), "the Xushuguan text says {said}");
    }
    for unsaid in ["站段在", "击毙击伤", "立起", "兵分三路：一路"] {
        assert!(
            !raid_zh.contains(unsaid),
            "the Xushuguan text no longer says {unsaid}"
        );
    }
    assert!(raid_en.contains("2nd Route") && raid_en.contains("sources differ (20–55)"));
    assert!(!raid_en.contains("column") && !raid_en.contains("station section"));

    // Chongshan: the cited Sina page says 日、伪军400多人 and 50多人 besieged.
    let siege_zh = told(&atlas, "chongshan-taihu-guerrilla", Lang::Zh);
    let siege_en = told(&atlas, "chongshan-taihu-guerrilla", Lang::En);
    assert!(siege_zh.contains("日、伪军400多人") && siege_zh.contains("各区民兵骨干共50多人"));
    assert!(!siege_zh.contains("三四百") && !siege_zh.contains("约50名"));
    assert!(siege_en.contains("more than 400") && !siege_en.contains("300–400"));
    // Its English name follows the Chinese order: the hall first, the siege in brackets.
    let siege = &atlas.sites[atlas.site_index("chongshan-taihu-guerrilla").unwrap()];
    assert_eq!(
        siege.name.get(Lang::En),
        "New Fourth Army Taihu Guerrilla Memorial Hall (Siege of Chongshan)"
    );

    // Suzhou Revolutionary Museum: the cited tcmap page says 多媒体半景画.
    let museum_zh = told(&atlas, "suzhou-revolutionary-museum", Lang::Zh);
    let museum_en = told(&atlas, "suzhou-revolutionary-museum", Lang::En);
    assert!(museum_zh.contains("多媒体半景画") && !museum_zh.contains("全景画"));
    assert!(museum_en.contains("half-panorama") && !museum_en.contains("the panorama"));

    // Embroidery museum: the centre's 2.1万平方米 is its 建筑面积 (floor area),
    // and the museum shows the way from silkworm and reeled silk to embroidery.
    let embroidery_zh = told(&atlas, "embroidery-museum", Lang::Zh);
    let embroidery_en = told(&atlas, "embroidery-museum", Lang::En);
    assert!(embroidery_zh.contains("建筑面积2.1万平方米的刺绣艺术展示中心"));
    assert!(embroidery_zh.contains("从养蚕、缫丝到刺绣") && !embroidery_zh.contains("成丝"));
    assert!(embroidery_en.contains("floor area of 21,000 m²"));

    // The seed article: in 2021 the three sites were selected for the city's
    // themed party-day route and so became practice bases; the Zone did not list them.
    for id in ["embroidery-museum", "shishan-party-base"] {
        let zh = told(&atlas, id, Lang::Zh);
        assert!(
            zh.contains("入选苏州市“重温百年历程 打造‘最美窗口’”沉浸式主题党日路线"),
            "{id}"
        );
        assert!(!zh.contains("列为"), "{id} was not listed by the Zone");
        assert!(!told(&atlas, id, Lang::En).contains("chose"), "{id}");
    }
    let description = &atlas.settings.description;
    assert!(description.get(Lang::Zh).contains("入选苏州市"));
    assert!(description
        .get(Lang::Zh)
        .contains("彰显党史的时间轴和空间感"));
    assert!(!description.get(Lang::En).contains("chosen by"));

    // Fengqiao: the sources date only the arrival at Xushuguan (26 April 1949,
    // about 14:00); the fighting around Fengqiao is in them, but not its day.
    let fengqiao_zh = told(&atlas, "liberation-fengqiao", Lang::Zh);
    let fengqiao_en = told(&atlas, "liberation-fengqiao", Lang::En);
    assert!(fengqiao_zh.contains("第29军第85师抵达浒墅关"));
    assert!(fengqiao_zh.contains("资料未写明"));
    assert!(!fengqiao_zh.contains("双方在枫桥交火") && !fengqiao_zh.contains("第29军（第85师）"));
    assert!(!fengqiao_en.contains("On 26 April 1949 the PLA fought"));
    assert!(!fengqiao_en.contains("there was fighting at Fengqiao"));

    // Locations: a 3-decimal coordinate alone is uncertain by about ±75 m, so
    // no bundled point claims better than ±100 m; the museum is that case.
    for site in atlas.sites.iter().filter(|s| s.position.is_some()) {
        let m = site.location.precision_m.unwrap_or(0.0);
        assert!(m >= 100.0, "{} claims ±{m} m", site.id);
    }
    let museum = &atlas.sites[atlas.site_index("embroidery-museum").unwrap()];
    assert_eq!(museum.location.precision_m, Some(100.0));
    // The Xushuguan point is the old station, a proxy for the monument.
    assert!(raid.location.approximate, "the Xushuguan point is a proxy");
    // The Shishan base is somewhere in a subdistrict of 18.6 km² or more.
    assert!(shishan.location.precision_m.unwrap() >= 2500.0);
    let zone = &atlas.sites[atlas.site_index("high-tech-zone").unwrap()];
    if shishan.position == zone.position {
        assert!(
            shishan.location.note.get(Lang::Zh).contains("苏州高新区")
                && shishan
                    .location
                    .note
                    .get(Lang::En)
                    .contains("High-tech Zone"),
            "a Shishan point shared with the Zone's marker says why"
        );
    }

    // Sources: the n4a.cn page has its address; no vague "general reference".
    assert!(raid.sources.iter().any(|s| s
        .url
        .as_deref()
        .is_some_and(|u| u.contains("n4a.cn/") && u.ends_with("u1a6910863.html"))));
    for site in &atlas.sites {
        for source in &site.sources {
            assert!(
                !source.title.contains("General reference"),
                "{} names a real source or says it has none",
                site.id
            );
        }
    }
    assert!(temple.sources[0].title.starts_with("No published source"));

    // Wording: one form for each name and number, in the sources' own terms.
    let every_zh: String = atlas
        .sites
        .iter()
        .map(|s| told(&atlas, &s.id, Lang::Zh))
        .collect();
    for said in [
        "苏州市体育场路4号",
        "36名伤病员",
        "始建于1954年",
        "区政合一",
    ] {
        assert!(every_zh.contains(said), "the text says {said}");
    }
    for unsaid in [
        "苏州 体育场路",
        "三十六名",
        "修建于",
        "合并管理",
        "（第85师）",
    ] {
        assert!(
            !every_zh.contains(unsaid),
            "the text no longer says {unsaid}"
        );
    }
    // 园区 reads as an industrial park: the Zone's category says what it is.
    assert_eq!(zone.category.label(Lang::Zh), "开发区·行政区");
}

/// Everything a visitor can read about a site in one language: its own
/// texts and the tour chapters that stop at it, which repeat its facts.
fn told(atlas: &Atlas, id: &str, lang: Lang) -> String {
    let index = atlas.site_index(id).unwrap();
    let site: &Site = &atlas.sites[index];
    let mut texts = vec![
        site.name.get(lang),
        site.summary.get(lang),
        site.description.get(lang),
        site.address.get(lang),
        site.location.note.get(lang),
    ];
    for event in &site.events {
        texts.extend([event.title.get(lang), event.text.get(lang)]);
    }
    for chapter in &atlas.settings.tour.chapters {
        if chapter.site == Some(index) {
            texts.extend([chapter.title.get(lang), chapter.text.get(lang)]);
        }
    }
    texts.join("\n")
}

#[test]
fn the_chronology_is_in_date_order() {
    let atlas = load(BUNDLED).unwrap().atlas;
    let dates: Vec<_> = atlas
        .chronology()
        .iter()
        .map(|r| atlas.event(*r).date)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn text_that_is_not_json_says_where_it_breaks() {
    let err = load("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [,]\n}").unwrap_err();
    assert!(
        matches!(
            err,
            FatalError::InvalidJson {
                line: 3,
                column: 16,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        load("<html>").unwrap_err().to_string(),
        "not valid JSON at line 1, column 1: expected value"
    );
}

#[test]
fn json_that_is_not_geojson_is_refused() {
    assert_eq!(
        load(r#"{"type":"Topology"}"#).unwrap_err(),
        FatalError::NotFeatureCollection {
            found: "\"type\" is \"Topology\"".into()
        }
    );
    assert!(load("[]").is_err());
}

#[test]
fn one_bad_feature_is_skipped_and_named_while_the_rest_load() {
    let text = collection(vec![
        site("a"),
        with(site("b"), "/properties/events/0/date", json!("1939-13-01")),
        site("c"),
    ]);
    let loaded = load(&text).unwrap();
    let ids: Vec<_> = loaded.atlas.sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(
        loaded.problems[0].to_string(),
        "feature 1 (id b), properties.events[0].date: month 13 is not between 01 and 12; write the month as 01 to 12"
    );
}

#[test]
fn every_problem_in_a_feature_is_reported_not_just_the_first() {
    let mut bad = with(site("x"), "/properties/events/0/date", json!("someday"));
    bad = with(bad, "/geometry/coordinates", json!([200.0, 31.0]));
    bad = with(
        bad,
        "/properties/sources/0/url",
        json!("javascript:alert(1)"),
    );
    let loaded = load(&collection(vec![bad])).unwrap();
    let kinds: Vec<_> = loaded
        .problems
        .iter()
        .map(|p| (p.field.as_str(), &p.kind))
        .collect();
    assert!(kinds
        .iter()
        .any(|(f, k)| *f == "properties.events[0].date" && matches!(k, ProblemKind::BadDate(_))));
    assert!(kinds
        .iter()
        .any(|(f, k)| *f == "geometry.coordinates" && matches!(k, ProblemKind::OutOfRange { .. })));
    assert!(kinds
        .iter()
        .any(|(f, k)| *f == "properties.sources[0].url" && matches!(k, ProblemKind::UnsafeUrl(_))));
    // Nothing could be shown, and the collection says so.
    assert!(loaded
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::NoSites));
}

#[test]
fn a_duplicate_id_is_an_error_and_a_missing_one_is_made_up() {
    let mut no_id = site("x");
    no_id["properties"].as_object_mut().unwrap().remove("id");
    let loaded = load(&collection(vec![site("a"), site("a"), no_id])).unwrap();
    let ids: Vec<_> = loaded.atlas.sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "memorial"]);
    let errors: Vec<_> = loaded.errors().collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, ProblemKind::DuplicateId { first: 0 });
    assert!(loaded
        .warnings()
        .any(|p| p.kind == ProblemKind::GeneratedIds { features: vec![2] }));
}

#[test]
fn the_features_own_id_member_is_accepted() {
    let mut f = site("x");
    f["properties"].as_object_mut().unwrap().remove("id");
    f["id"] = json!(42);
    let loaded = load(&collection(vec![f])).unwrap();
    assert_eq!(loaded.atlas.sites[0].id, "42");
}

#[test]
fn swapped_coordinates_are_recognised() {
    let f = with(
        site("x"),
        "/geometry/coordinates",
        json!([31.3875, 120.5056]),
    );
    let loaded = load(&collection(vec![f])).unwrap();
    assert_eq!(
        loaded.problems[0].kind,
        ProblemKind::ProbablySwapped {
            shown_swapped: true
        }
    );
    // A warning: the site still shows, where it belongs.
    let site = &loaded.atlas.sites[0];
    assert_eq!(
        site.position,
        Some(atlas_core::LonLat::new(120.5056, 31.3875))
    );
}

#[test]
fn end_before_start_is_an_error() {
    let mut f = site("x");
    f["properties"]["events"][0]["end_date"] = json!("1938");
    let loaded = load(&collection(vec![f])).unwrap();
    assert_eq!(loaded.problems[0].kind, ProblemKind::EndBeforeStart);
    assert_eq!(loaded.problems[0].field, "properties.events[0].end_date");
}

#[test]
fn missing_translations_and_sources_are_warnings_that_keep_the_site() {
    let mut f = with(site("x"), "/properties/name", json!({ "zh": "纪念碑" }));
    f = with(f, "/properties/sources", json!([]));
    let loaded = load(&collection(vec![f])).unwrap();
    assert_eq!(loaded.atlas.sites.len(), 1);
    assert!(loaded
        .problems
        .iter()
        .all(|p| p.severity == Severity::Warning));
    assert!(loaded
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::MissingTranslation(Lang::En)));
    assert!(loaded
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::NoSources));
}

#[test]
fn messages_exist_in_both_languages() {
    let f = with(site("x"), "/properties/events/0/date", json!("1939-13"));
    let problem = &load(&collection(vec![f])).unwrap().problems[0];
    assert!(problem.message(Lang::En).starts_with("feature 0 (id x)"));
    assert!(problem.message(Lang::Zh).starts_with("要素 0 (id x)"));
}

#[test]
fn an_oversized_file_is_refused_before_parsing() {
    let huge = " ".repeat(atlas_core::MAX_DATASET_BYTES + 1);
    assert!(matches!(load(&huge), Err(FatalError::TooLarge { .. })));
}

#[test]
fn what_the_top_level_is_instead_is_said() {
    for (text, found) in [
        ("[]", "the top level is a list"),
        ("\"x\"", "the top level is a string"),
        ("null", "the top level is null"),
        ("{}", "no \"type\" member"),
        (
            r#"{"type":"FeatureCollection","features":{}}"#,
            "\"features\" is not a list",
        ),
        (
            r#"{"type":"FeatureCollection"}"#,
            "\"features\" is not a list",
        ),
    ] {
        assert_eq!(
            load(text).unwrap_err(),
            FatalError::NotFeatureCollection {
                found: found.into()
            },
            "{text}"
        );
    }
    // Members may come in any order: features before type.
    let text = r#"{"features":[],"type":"FeatureCollection"}"#;
    assert!(load(text).unwrap().atlas.sites.is_empty());
}

#[test]
fn dates_written_the_way_other_tools_write_them_become_one_event_each() {
    let name = json!({ "zh": "纪念碑", "en": "Memorial" });
    let cases = [
        (
            json!({ "date": "1939-06-24" }),
            "properties.date",
            "24 June 1939",
        ),
        (
            json!({ "start_date": "1939", "end_date": "1945~" }),
            "properties.start_date",
            "c. 1939–1945",
        ),
        (
            json!({ "start": "1939-06-24T00:00:00Z", "end": "1939-06-25T00:00:00Z" }),
            "properties.start",
            "24–25 June 1939",
        ),
        (json!({ "year": 1939 }), "properties.year", "1939"),
    ];
    for (dates, field, shown) in cases {
        let mut f = site("x");
        let props = f["properties"].as_object_mut().unwrap();
        props.remove("events");
        props.extend(dates.as_object().unwrap().clone());
        let loaded = load(&collection(vec![f])).unwrap();
        let site = &loaded.atlas.sites[0];
        assert_eq!(site.events.len(), 1, "{field}");
        assert_eq!(site.events[0].date.format(Lang::En), shown);
        // The event is titled with the site's name, and the mapping is a warning.
        assert_eq!(site.events[0].title.get(Lang::En), name["en"]);
        let mapped = loaded
            .problems
            .iter()
            .find(|p| p.kind.code() == "mapped")
            .unwrap();
        assert_eq!(
            (mapped.field.as_str(), mapped.severity),
            (field, Severity::Warning)
        );
    }
}

#[test]
fn a_foreign_date_that_cannot_be_a_date_leaves_the_place_undated_with_a_warning() {
    let mut f = site("x");
    let props = f["properties"].as_object_mut().unwrap();
    props.remove("events");
    props.insert("start_date".into(), json!("1939-13"));
    let loaded = load(&collection(vec![f])).unwrap();
    // The place is kept: another tool's field is read as well as it can be.
    let site = &loaded.atlas.sites[0];
    assert!(site.is_undated());
    let written = site.date_as_written.as_ref().unwrap();
    assert_eq!(
        (written.field.as_str(), written.text.as_str()),
        ("start_date", "1939-13")
    );
    assert_eq!(loaded.errors().count(), 0);
    let warning = loaded
        .warnings()
        .find(|p| p.kind.code() == "foreign-date")
        .unwrap();
    assert_eq!(warning.field, "properties.start_date");
    assert!(
        warning.message(Lang::En).contains("1939-13"),
        "{}",
        warning.message(Lang::En)
    );
}

#[test]
fn names_come_from_title_or_osm_tags_when_name_is_missing() {
    let mut f = site("x");
    let props = f["properties"].as_object_mut().unwrap();
    props.remove("name");
    props.insert("name:zh".into(), json!("纪念碑"));
    props.insert("name:en".into(), json!("Memorial"));
    let loaded = load(&collection(vec![f.clone()])).unwrap();
    assert_eq!(loaded.atlas.sites[0].name.get(Lang::Zh), "纪念碑");
    let props = f["properties"].as_object_mut().unwrap();
    props.remove("name:zh");
    props.remove("name:en");
    props.insert("title".into(), json!("Canal route"));
    let loaded = load(&collection(vec![f])).unwrap();
    assert_eq!(loaded.atlas.sites[0].name.get(Lang::En), "Canal route");
    assert!(loaded
        .problems
        .iter()
        .all(|p| p.severity == Severity::Warning));
}

#[test]
fn routes_and_areas_keep_their_shape_and_get_a_marker_inside() {
    let route = with(
        site("route"),
        "/geometry",
        json!({ "type": "LineString", "coordinates": [[120.40, 31.30, 5.0], [120.60, 31.30, 9.0]] }),
    );
    let area = with(
        site("area"),
        "/geometry",
        json!({ "type": "MultiPolygon", "coordinates": [[[[120.3, 31.3], [120.4, 31.3], [120.4, 31.4], [120.3, 31.4], [120.3, 31.3]]]] }),
    );
    let loaded = load(&collection(vec![route, area])).unwrap();
    assert_eq!(loaded.problems, vec![]);
    let route = &loaded.atlas.sites[0];
    let p = route.position.unwrap();
    assert!(
        (p.lon - 120.5).abs() < 1e-9 && (p.lat - 31.3).abs() < 1e-9,
        "{p:?}"
    );
    assert_eq!(route.shape.as_ref().unwrap().lines[0].len(), 2);
    let area = &loaded.atlas.sites[1];
    let a = area.position.unwrap();
    assert!(
        a.lon > 120.3 && a.lon < 120.4 && a.lat > 31.3 && a.lat < 31.4,
        "{a:?}"
    );
}

#[test]
fn media_need_a_safe_source_and_alt_text() {
    let with_media = |id: &str, media: Value| {
        let mut f = site(id);
        f["properties"]["media"] = media;
        f
    };
    let good = with_media(
        "good",
        json!([{ "src": "media/gate.jpg", "alt": { "zh": "大门", "en": "The gate" }, "license": "CC BY 4.0" }]),
    );
    let no_alt = with_media("no-alt", json!([{ "src": "media/gate.jpg" }]));
    let unsafe_src = with_media(
        "unsafe",
        json!([{ "src": "javascript:alert(1)", "alt": "x" }]),
    );
    let loaded = load(&collection(vec![good, no_alt, unsafe_src])).unwrap();
    let ids: Vec<_> = loaded.atlas.sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["good"]);
    assert_eq!(
        loaded.atlas.sites[0].media[0].license.as_deref(),
        Some("CC BY 4.0")
    );
    let kinds: Vec<_> = loaded
        .errors()
        .map(|p| (p.field.as_str(), p.kind.code()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("properties.media[0].alt", "missing-alt"),
            ("properties.media[0].src", "unsafe-url")
        ]
    );
}

#[test]
fn misspelt_fields_are_named_with_what_they_probably_mean() {
    let mut f = site("x");
    let props = f["properties"].as_object_mut().unwrap();
    let events = props.remove("events").unwrap();
    props.insert("evnets".into(), events);
    props.insert("prop0".into(), json!("ignored silently"));
    let loaded = load(&collection(vec![f])).unwrap();
    let typo = loaded
        .problems
        .iter()
        .find(|p| p.kind.code() == "likely-typo")
        .unwrap();
    assert_eq!(typo.field, "properties.evnets");
    assert_eq!(
        typo.kind.message(Lang::En),
        "unknown field \"evnets\", probably meant \"events\"; rename it, or it is ignored"
    );
    assert_eq!(
        loaded
            .problems
            .iter()
            .filter(|p| p.kind.code() == "likely-typo")
            .count(),
        1
    );
}

#[test]
fn a_point_far_from_all_the_others_is_a_warning_that_keeps_it() {
    let mut features: Vec<Value> = [
        (120.34, 31.34),
        (120.51, 31.39),
        (120.43, 31.30),
        (120.58, 31.29),
    ]
    .iter()
    .enumerate()
    .map(|(i, (lon, lat))| {
        with(
            site(&format!("s{i}")),
            "/geometry/coordinates",
            json!([lon, lat]),
        )
    })
    .collect();
    features.push(with(
        site("far"),
        "/geometry/coordinates",
        json!([12.05, 31.38]),
    ));
    let loaded = load(&collection(features)).unwrap();
    assert_eq!(loaded.atlas.sites.len(), 5);
    let far: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| p.kind.code() == "far-from-others")
        .collect();
    assert_eq!(far.len(), 1);
    assert_eq!(
        (far[0].feature, far[0].id.as_deref()),
        (Some(4), Some("far"))
    );
}

#[test]
fn problems_come_settings_first_then_by_feature_then_the_collection() {
    let text = json!({
        "type": "FeatureCollection",
        "atlas": { "tittle": "x" },
        "features": [
            with(site("a"), "/properties/events/0/date", json!("bad")),
            with(site("b"), "/properties/name", json!({ "zh": "乙" })),
        ]
    })
    .to_string();
    let places: Vec<_> = load(&text)
        .unwrap()
        .problems
        .iter()
        .map(|p| p.feature)
        .collect();
    assert_eq!(places, [None, Some(0), Some(1)]);
}

#[test]
fn the_bounds_hold_whole_routes_not_only_their_markers() {
    let route = with(
        site("route"),
        "/geometry",
        json!({ "type": "LineString", "coordinates": [[120.0, 31.0], [121.0, 32.0]] }),
    );
    let atlas = load(&collection(vec![route])).unwrap().atlas;
    let b = atlas.bounds().unwrap();
    assert_eq!(
        (b.min.lon, b.min.lat, b.max.lon, b.max.lat),
        (120.0, 31.0, 121.0, 32.0)
    );
}
