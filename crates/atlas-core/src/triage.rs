//! Problems grouped so a curator sees what matters first: a real file of 306
//! sites gave 1,531 warnings, one per feature per kind, and nobody reads
//! those. Here they become a handful of groups ("306 features: no category,
//! shown with a generic symbol"), each with a count and two examples.
//!
//! Order: errors first (those sites are skipped); then points far from the
//! rest, which are usually typing slips; then problems of the whole file,
//! said once; then the other warnings, the commonest first.

use std::cmp::Reverse;

use crate::problem::{Problem, ProblemKind, Severity};
use crate::quote::quote;
use crate::text::Lang;

/// How many examples a group shows under its headline.
pub const EXAMPLES: usize = 2;

/// How many far-off points the far-off headline names before "…".
pub const FAR_OFF_NAMED: usize = 5;

/// How many distinct values (categories, misspelt fields) a headline lists.
const VALUES_NAMED: usize = 5;

/// What the problems of one group have in common.
#[derive(Clone, Debug, PartialEq)]
pub enum GroupKey {
    /// Points far from the others, or probably swapped: usually typing slips.
    FarOff,
    /// A problem of the whole file (no feature): a group of its own.
    Dataset,
    /// Every other kind, by its stable code ([`ProblemKind::code`]).
    Kind(&'static str),
}

impl GroupKey {
    /// The group a problem belongs to (apart from its severity).
    pub fn of(problem: &Problem) -> GroupKey {
        match (&problem.kind, problem.feature) {
            (_, None) => GroupKey::Dataset,
            (ProblemKind::FarFromOthers { .. }, _)
            | (
                ProblemKind::ProbablySwapped {
                    shown_swapped: false,
                },
                _,
            ) => GroupKey::FarOff,
            (kind, _) => GroupKey::Kind(kind.code()),
        }
    }
}

/// Problems of one severity and one kind, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct ProblemGroup {
    /// Errors skip their features; warnings leave them shown.
    pub severity: Severity,
    /// What the problems have in common.
    pub key: GroupKey,
    /// The problems, in file order (by feature, then as reported).
    pub problems: Vec<Problem>,
}

/// Groups `problems`: errors first, then far-off points, then problems of
/// the whole file, then the other groups by count, largest first (ties: the
/// group whose first feature comes first). Every problem lands in exactly
/// one group.
pub fn triage(problems: &[Problem]) -> Vec<ProblemGroup> {
    // File order within a group: by feature, the dataset's own problems
    // first; a stable sort keeps the reported order within a feature.
    let mut ordered: Vec<&Problem> = problems.iter().collect();
    ordered.sort_by_key(|p| p.feature.map_or(0, |i| i + 1));

    let mut groups: Vec<ProblemGroup> = Vec::new();
    for problem in ordered {
        let key = GroupKey::of(problem);
        let existing = (key != GroupKey::Dataset)
            .then(|| {
                groups
                    .iter_mut()
                    .find(|g| g.severity == problem.severity && g.key == key)
            })
            .flatten();
        match existing {
            Some(group) => group.problems.push(problem.clone()),
            None => groups.push(ProblemGroup {
                severity: problem.severity,
                key,
                problems: vec![problem.clone()],
            }),
        }
    }
    // A stable sort: dataset groups keep their reported order.
    groups.sort_by_key(|g| {
        let rank = match g.key {
            GroupKey::FarOff => 0,
            GroupKey::Dataset => 1,
            _ => 2,
        };
        let first = g.problems[0].feature.map_or(0, |i| i + 1);
        (g.severity, rank, Reverse(g.count()), first)
    });
    groups
}

impl ProblemGroup {
    /// How many problems the group holds.
    pub fn count(&self) -> usize {
        self.problems.len()
    }

    /// How many distinct features the group's problems concern.
    pub fn features(&self) -> usize {
        // Problems are sorted by feature, so equal features are neighbours.
        let mut features: Vec<Option<usize>> = self.problems.iter().map(|p| p.feature).collect();
        features.dedup();
        features.len()
    }

    /// The first problems in file order, to show under the headline; none
    /// for a problem of the whole file, whose headline is its message.
    pub fn examples(&self) -> &[Problem] {
        match self.key {
            GroupKey::Dataset => &[],
            _ => &self.problems[..self.count().min(EXAMPLES)],
        }
    }

    /// One line that says how many, what is wrong and what happens to those
    /// sites: "306 features: no category, shown with a generic symbol" /
    /// "306 个要素：没有类别，以通用符号显示".
    pub fn headline(&self, lang: Lang) -> String {
        if self.key == GroupKey::Dataset {
            return self.problems[0].message(lang);
        }
        if self.key == GroupKey::FarOff {
            return self.far_off_headline(lang);
        }
        let n = self.features();
        let what = self.what(lang);
        // Several problems in one feature (two bad dates) are counted too.
        let extra = match (self.count() > n, lang) {
            (true, Lang::En) => format!(" ({} problems)", self.count()),
            (true, Lang::Zh) => format!("（{} 处问题）", self.count()),
            (false, _) => String::new(),
        };
        match (self.severity, lang) {
            (Severity::Error, Lang::En) => {
                format!("{n} {} skipped{extra}: {what}", features_word(n))
            }
            (Severity::Error, Lang::Zh) => format!("{n} 个要素未显示{extra}：{what}"),
            (Severity::Warning, Lang::En) => {
                let shown = self.shown(lang);
                format!("{n} {}{extra}: {what}, {shown}", features_word(n))
            }
            (Severity::Warning, Lang::Zh) => {
                let shown = self.shown(lang);
                format!("{n} 个要素{extra}：{what}，{shown}")
            }
        }
    }

    /// "3 points lie far from the rest: feature 120 (id x), feature 7, …".
    fn far_off_headline(&self, lang: Lang) -> String {
        let mut places: Vec<String> = Vec::new();
        for p in &self.problems {
            let place = feature_place(p, lang);
            if places.last() != Some(&place) {
                places.push(place);
            }
        }
        let n = places.len();
        let more = n > FAR_OFF_NAMED;
        places.truncate(FAR_OFF_NAMED);
        match lang {
            Lang::En => {
                let (noun, verb) = if n == 1 {
                    ("point lies", "its")
                } else {
                    ("points lie", "their")
                };
                let tail = if more { ", …" } else { "" };
                format!(
                    "{n} {noun} far from the rest: {}{tail}; shown where written, check {verb} coordinates",
                    places.join(", ")
                )
            }
            Lang::Zh => {
                let tail = if more { "……" } else { "" };
                format!(
                    "{n} 个点远离其他地点：{}{tail}；按所写位置显示，请检查坐标",
                    places.join("、")
                )
            }
        }
    }

    /// What is wrong, said once for the whole group.
    fn what(&self, lang: Lang) -> String {
        use ProblemKind::*;
        let en = lang == Lang::En;
        let pick = |e: &str, z: &str| if en { e.to_owned() } else { z.to_owned() };
        let first = &self.problems[0].kind;
        match first {
            NotAFeature => pick("not a GeoJSON Feature", "不是 GeoJSON Feature"),
            Missing => format!(
                "{}{}",
                pick("a required field is missing", "缺少必填字段"),
                self.list(lang, |p| Some(p.field.clone()))
            ),
            WrongType { .. } => format!(
                "{}{}",
                pick("a field has the wrong type", "字段类型错误"),
                self.list(lang, |p| Some(p.field.clone()))
            ),
            InvalidId => pick(
                "the id is not URL-safe (letters, digits, '-', '_', '.')",
                "id 含有链接中不能用的字符（只能用字母、数字、“-”“_”“.”）",
            ),
            DuplicateId { .. } => pick("an id another feature already uses", "id 与其他要素重复"),
            AmbiguousDate(_) => pick(
                "a day and month that could be read either way, read month first",
                "日、月可两读的日期，已按月在前读取",
            ),
            ForeignDate(_) => pick(
                "a time field that cannot be a date; the place shows undated",
                "无法读作日期的时间字段；地点显示为无日期",
            ),
            Unnamed => pick("no name", "没有名称"),
            BadDate(_) => pick("a date that cannot be read", "日期无法识别"),
            EndBeforeStart => pick("end_date before date", "end_date 早于 date"),
            BadGeometry { .. } => pick(
                "a geometry not shaped as GeoJSON says",
                "几何对象不符合 GeoJSON 的写法",
            ),
            UnknownGeometry(_) => format!(
                "{}{}",
                pick(
                    "a geometry type GeoJSON does not define",
                    "GeoJSON 没有的几何类型"
                ),
                self.list(lang, |p| match &p.kind {
                    UnknownGeometry(t) => Some(t.clone()),
                    _ => None,
                })
            ),
            EmptyGeometry => pick("a geometry without positions", "几何对象没有任何位置"),
            OutOfRange { .. } => pick("coordinates outside the world", "坐标超出地球范围"),
            ProbablySwapped { .. } => pick("latitude and longitude swapped", "经纬度写反了"),
            UnclosedRing => pick(
                "a polygon ring that does not end where it starts",
                "多边形的环首尾不相接",
            ),
            UnsafeUrl(_) => pick(
                "a link that is not https://, http:// or relative",
                "链接不是 https://、http:// 或相对路径",
            ),
            MissingAlt => pick("an image without alt text", "图片缺少替代文本"),
            MissingTranslation(_) => pick("text in one language only", "只有一种语言的文本"),
            NoSources => pick("no sources", "没有资料来源"),
            UnknownCategory(_) => format!(
                "{}{}",
                pick("category not in the legend's set", "类别不在图例的类别之中"),
                self.list(lang, |p| match &p.kind {
                    UnknownCategory(c) => Some(c.clone()),
                    _ => None,
                })
            ),
            NoCategory => pick("no category", "没有类别"),
            LikelyTypo { .. } => format!(
                "{}{}",
                pick("a field name probably misspelt", "字段名可能拼错"),
                self.list(lang, |p| match &p.kind {
                    LikelyTypo { found, meant } => Some(format!("{found} → {meant}")),
                    _ => None,
                })
            ),
            Mapped { mapping, .. } => mapping.describe(lang),
            // Kinds of the settings come without a feature (groups of their
            // own); a kind added later still reads, by its own message.
            other => other.message(lang),
        }
    }

    /// What happens to a warning's sites.
    fn shown(&self, lang: Lang) -> &'static str {
        use ProblemKind::*;
        let (en, zh) = match &self.problems[0].kind {
            NoCategory | UnknownCategory(_) => ("shown with a generic symbol", "以通用符号显示"),
            ProbablySwapped { .. } => ("shown swapped back", "已调换后显示"),
            UnclosedRing => ("shown closed", "已自动闭合后显示"),
            MissingTranslation(_) => ("shown in that language for both", "两种语言下都显示该文本"),
            LikelyTypo { .. } => (
                "ignored; the sites still show",
                "该字段被忽略，地点照常显示",
            ),
            _ => ("still shown", "照常显示"),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// " (fort, castle, …)": the distinct values in first-seen order.
    fn list(&self, lang: Lang, value: impl Fn(&Problem) -> Option<String>) -> String {
        let mut values: Vec<String> = Vec::new();
        // One more than is named is enough to know there are more: a hostile
        // file with a million distinct categories must not cost a million
        // squared comparisons. Values are the file's own text, so quoted.
        for v in self.problems.iter().filter_map(value) {
            let v = quote(&v);
            if !values.contains(&v) {
                values.push(v);
                if values.len() > VALUES_NAMED {
                    break;
                }
            }
        }
        let more = values.len() > VALUES_NAMED;
        values.truncate(VALUES_NAMED);
        match (lang, more) {
            (Lang::En, false) => format!(" ({})", values.join(", ")),
            (Lang::En, true) => format!(" ({}, …)", values.join(", ")),
            (Lang::Zh, false) => format!("（{}）", values.join("、")),
            (Lang::Zh, true) => format!("（{}……）", values.join("、")),
        }
    }
}

/// "feature 120 (id x)" without the field: the far-off headline names points.
fn feature_place(p: &Problem, lang: Lang) -> String {
    let mut place = match (p.feature, lang) {
        (Some(i), Lang::En) => format!("feature {i}"),
        (Some(i), Lang::Zh) => format!("要素 {i}"),
        (None, Lang::En) => "dataset".to_owned(),
        (None, Lang::Zh) => "数据集".to_owned(),
    };
    if let Some(id) = &p.id {
        place.push_str(&format!(" (id {id})"));
    }
    place
}

fn features_word(n: usize) -> &'static str {
    if n == 1 {
        "feature"
    } else {
        "features"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::DateError;
    use crate::interop::Mapping;
    use proptest::prelude::*;

    fn at(severity: Severity, feature: usize, field: &str, kind: ProblemKind) -> Problem {
        Problem {
            severity,
            feature: Some(feature),
            id: Some(format!("site-{feature}")),
            field: field.to_owned(),
            kind,
        }
    }

    fn warning(feature: usize, kind: ProblemKind) -> Problem {
        at(Severity::Warning, feature, "properties.x", kind)
    }

    fn far(feature: usize) -> Problem {
        at(
            Severity::Warning,
            feature,
            "geometry.coordinates",
            ProblemKind::FarFromOthers {
                km: 9000.0,
                typical_km: 12.0,
            },
        )
    }

    fn headlines(groups: &[ProblemGroup]) -> Vec<String> {
        groups.iter().map(|g| g.headline(Lang::En)).collect()
    }

    #[test]
    fn many_features_of_one_kind_become_one_line_with_two_examples() {
        let problems: Vec<Problem> = (0..306)
            .map(|i| warning(i, ProblemKind::NoCategory))
            .collect();
        let groups = triage(&problems);
        assert_eq!(groups.len(), 1);
        assert_eq!(
            groups[0].headline(Lang::En),
            "306 features: no category, shown with a generic symbol"
        );
        assert_eq!(
            groups[0].headline(Lang::Zh),
            "306 个要素：没有类别，以通用符号显示"
        );
        let examples: Vec<_> = groups[0].examples().iter().map(|p| p.feature).collect();
        assert_eq!(examples, [Some(0), Some(1)]);
        assert_eq!(groups[0].count(), 306);
    }

    #[test]
    fn errors_come_first_then_far_off_points_then_the_commonest_warnings() {
        let mut problems = vec![];
        for i in 0..30 {
            problems.push(warning(i, ProblemKind::NoCategory));
        }
        problems.push(warning(3, ProblemKind::NoSources));
        problems.push(far(120));
        problems.push(at(
            Severity::Warning,
            7,
            "geometry.coordinates",
            ProblemKind::ProbablySwapped {
                shown_swapped: false,
            },
        ));
        problems.push(at(
            Severity::Error,
            40,
            "properties.events[0].date",
            ProblemKind::BadDate(DateError::Month(13)),
        ));
        let groups = triage(&problems);
        assert_eq!(
            headlines(&groups),
            [
                "1 feature skipped: a date that cannot be read",
                "2 points lie far from the rest: feature 7 (id site-7), feature 120 (id site-120); shown where written, check their coordinates",
                "30 features: no category, shown with a generic symbol",
                "1 feature: no sources, still shown",
            ]
        );
        assert_eq!(
            groups[1].headline(Lang::Zh),
            "2 个点远离其他地点：要素 7 (id site-7)、要素 120 (id site-120)；按所写位置显示，请检查坐标"
        );
    }

    #[test]
    fn the_far_off_headline_names_five_points_and_then_trails_off() {
        let problems: Vec<Problem> = (0..7).map(far).collect();
        let line = triage(&problems)[0].headline(Lang::En);
        assert!(line.starts_with("7 points lie far from the rest: feature 0 (id site-0)"));
        assert!(line.contains("feature 4 (id site-4), …;"), "{line}");
        assert!(!line.contains("feature 5"), "{line}");
        let one = triage(&[far(3)])[0].headline(Lang::En);
        assert_eq!(one, "1 point lies far from the rest: feature 3 (id site-3); shown where written, check its coordinates");
    }

    #[test]
    fn unknown_categories_share_a_group_that_lists_the_values() {
        let cat = |i, c: &str| warning(i, ProblemKind::UnknownCategory(c.into()));
        let problems = vec![cat(0, "fort"), cat(1, "castle"), cat(2, "fort")];
        let groups = triage(&problems);
        assert_eq!(groups.len(), 1);
        assert_eq!(
            groups[0].headline(Lang::En),
            "3 features: category not in the legend's set (fort, castle), shown with a generic symbol"
        );
        let many: Vec<Problem> = (0..7).map(|i| cat(i, &format!("c{i}"))).collect();
        assert!(triage(&many)[0]
            .headline(Lang::Zh)
            .contains("（c0、c1、c2、c3、c4……）"));
    }

    #[test]
    fn several_problems_in_one_feature_are_counted_apart_from_features() {
        let bad = |f| {
            at(
                Severity::Error,
                f,
                "properties.events[0].date",
                ProblemKind::BadDate(DateError::YearZero),
            )
        };
        let groups = triage(&[bad(3), bad(3), bad(5)]);
        assert_eq!(groups[0].features(), 2);
        assert_eq!(
            groups[0].headline(Lang::En),
            "2 features skipped (3 problems): a date that cannot be read"
        );
    }

    #[test]
    fn a_problem_of_the_whole_file_is_its_own_group_headed_by_its_message() {
        let typo = Problem::in_settings(
            Severity::Warning,
            "atlas.defualt_language",
            ProblemKind::LikelyTypo {
                found: "defualt_language".into(),
                meant: "default_language",
            },
        );
        let chapter = Problem::in_settings(
            Severity::Warning,
            "atlas.tour[0]",
            ProblemKind::ChapterWithoutTime,
        );
        let problems = vec![
            warning(0, ProblemKind::NoSources),
            warning(1, ProblemKind::NoSources),
            typo.clone(),
            chapter.clone(),
        ];
        let groups = triage(&problems);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].headline(Lang::En), typo.message(Lang::En));
        assert_eq!(groups[1].headline(Lang::Zh), chapter.message(Lang::Zh));
        assert!(groups[0].examples().is_empty());
        assert_eq!(
            groups[2].headline(Lang::En),
            "2 features: no sources, still shown"
        );
    }

    #[test]
    fn each_mapping_is_a_problem_of_the_file_and_a_group_of_its_own() {
        let mapped = |mapping, features: Vec<usize>| Problem {
            severity: Severity::Warning,
            feature: None,
            id: None,
            field: "properties.title".into(),
            kind: ProblemKind::Mapped { mapping, features },
        };
        let problems = vec![
            warning(0, ProblemKind::NoSources),
            mapped(Mapping::NameFromTitle, vec![0, 2]),
            mapped(Mapping::NameFromCapitals, vec![1]),
        ];
        let groups = triage(&problems);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].key, GroupKey::Dataset);
        assert_eq!(groups[1].key, GroupKey::Dataset);
        assert_eq!(groups[0].headline(Lang::En), problems[1].message(Lang::En));
    }

    #[test]
    fn misspelt_fields_are_listed_as_pairs() {
        let typo = |f, found: &str, meant| {
            warning(
                f,
                ProblemKind::LikelyTypo {
                    found: found.into(),
                    meant,
                },
            )
        };
        let groups = triage(&[typo(0, "sumary", "summary"), typo(1, "evnets", "events")]);
        assert_eq!(
            groups[0].headline(Lang::En),
            "2 features: a field name probably misspelt (sumary → summary, evnets → events), ignored; the sites still show"
        );
    }

    fn kind_strategy() -> impl Strategy<Value = ProblemKind> {
        prop_oneof![
            Just(ProblemKind::NoCategory),
            Just(ProblemKind::NoSources),
            Just(ProblemKind::Missing),
            Just(ProblemKind::MissingAlt),
            Just(ProblemKind::ProbablySwapped {
                shown_swapped: false
            }),
            Just(ProblemKind::ProbablySwapped {
                shown_swapped: true
            }),
            Just(ProblemKind::FarFromOthers {
                km: 500.0,
                typical_km: 3.0
            }),
            Just(ProblemKind::Unnamed),
            Just(ProblemKind::ChapterWithoutPlace),
            "[a-c]".prop_map(ProblemKind::UnknownCategory),
        ]
    }

    fn problem_strategy() -> impl Strategy<Value = Problem> {
        (
            prop_oneof![Just(Severity::Error), Just(Severity::Warning)],
            proptest::option::weighted(0.9, 0usize..40),
            kind_strategy(),
        )
            .prop_map(|(severity, feature, kind)| Problem {
                severity,
                feature,
                id: feature.map(|i| format!("s{i}")),
                field: "properties.x".into(),
                kind,
            })
    }

    proptest! {
        #[test]
        fn every_problem_lands_in_exactly_one_group_in_file_order(
            problems in proptest::collection::vec(problem_strategy(), 0..80)
        ) {
            let groups = triage(&problems);
            let total: usize = groups.iter().map(ProblemGroup::count).sum();
            prop_assert_eq!(total, problems.len());
            // Each problem is in the group of its severity and key, and only there.
            for (index, p) in problems.iter().enumerate() {
                let homes = groups
                    .iter()
                    .filter(|g| g.severity == p.severity && g.key == GroupKey::of(p))
                    .filter(|g| g.problems.contains(p))
                    .count();
                prop_assert!(homes >= 1, "problem {} has no group", index);
            }
            // Errors never come after warnings.
            let first_warning = groups.iter().position(|g| g.severity == Severity::Warning);
            if let Some(w) = first_warning {
                prop_assert!(groups[w..].iter().all(|g| g.severity == Severity::Warning));
            }
            // The examples are the group's first problems in file order.
            for g in &groups {
                let mut expected: Vec<&Problem> = problems
                    .iter()
                    .filter(|p| p.severity == g.severity && GroupKey::of(p) == g.key)
                    .collect();
                expected.sort_by_key(|p| p.feature.map_or(0, |i| i + 1));
                if g.key == GroupKey::Dataset {
                    prop_assert_eq!(g.count(), 1);
                    prop_assert!(g.examples().is_empty());
                } else {
                    prop_assert_eq!(g.problems.iter().collect::<Vec<_>>(), expected.clone());
                    let shown: Vec<&Problem> = g.examples().iter().collect();
                    prop_assert_eq!(shown, expected.into_iter().take(EXAMPLES).collect::<Vec<_>>());
                }
                prop_assert!(!g.headline(Lang::En).is_empty() && !g.headline(Lang::Zh).is_empty());
            }
            // Among warnings, the far-off points come first.
            let warnings: Vec<&ProblemGroup> =
                groups.iter().filter(|g| g.severity == Severity::Warning).collect();
            if let Some(far) = warnings.iter().position(|g| g.key == GroupKey::FarOff) {
                prop_assert_eq!(far, 0);
            }
            // Groups of one kind follow their count, largest first.
            for pair in groups.windows(2) {
                let kind = |g: &ProblemGroup| matches!(g.key, GroupKey::Kind(_));
                if pair[0].severity == pair[1].severity && kind(&pair[0]) && kind(&pair[1]) {
                    prop_assert!(pair[0].count() >= pair[1].count());
                }
            }
        }
    }
}
