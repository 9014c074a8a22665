//! The one catalogue of interface strings, in Chinese and English.
//!
//! Text from the dataset is bilingual in the data itself; everything the app
//! says on its own comes from here, so a new language is one new column.

use atlas_core::Lang;

/// Declares the interface strings once: the `Ui` enum, its list of every
/// entry (so a test can check each exists in both languages) and the table.
macro_rules! catalogue {
    ($($(#[$doc:meta])* $name:ident => ($zh:expr, $en:expr),)*) => {
        /// A fixed interface string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Ui {
            $($(#[$doc])* $name,)*
        }

        impl Ui {
            /// Every entry of the catalogue.
            pub const ALL: &'static [Ui] = &[$(Ui::$name,)*];

            /// The entry in Chinese and in English.
            fn texts(self) -> (&'static str, &'static str) {
                match self {
                    $(Ui::$name => ($zh, $en),)*
                }
            }
        }
    };
}

catalogue! {
    /// The app's name.
    AppName => ("文化遗产地图", "Heritage Atlas"),
    /// Name of the map region.
    Map => ("地图", "Map"),
    /// Name of the timeline region.
    Timeline => ("时间轴", "Timeline"),
    /// Zoom button.
    ZoomIn => ("放大", "Zoom in"),
    /// Zoom button.
    ZoomOut => ("缩小", "Zoom out"),
    /// Fits the map to all sites again.
    ResetView => ("重置视图", "Reset view"),
    /// Closes the detail panel.
    Close => ("关闭", "Close"),
    /// While the dataset loads.
    Loading => ("正在加载数据…", "Loading data…"),
    /// Panel heading.
    Events => ("大事记", "Events"),
    /// Panel heading.
    Sources => ("资料来源", "Sources"),
    /// Said after a link from data, for screen readers: it opens a new tab.
    OpensInNewTab => ("在新标签页中打开", "opens in a new tab"),
    /// Panel label.
    Address => ("地址", "Address"),
    /// Panel label.
    Category => ("类别", "Category"),
    /// Panel label.
    Location => ("位置", "Location"),
    /// Shown for approximate positions.
    Approximate => ("此为大致位置。", "Approximate location."),
    /// A site with no known position.
    NotLocated => ("位置尚未确定。", "Location not known yet."),
    /// Heading of the list of sites without a position.
    NotOnMap => ("暂未在地图上标出", "Not on the map yet"),
    /// Heading of the problem list.
    DataProblems => ("数据问题", "Data problems"),
    /// Label of a problem that keeps a site off the map.
    ProblemError => ("错误", "Error"),
    /// Label of a problem that leaves the site shown.
    ProblemWarning => ("提醒", "Warning"),
    /// Basemap credit prefix.
    Basemap => ("底图", "Basemap"),
    /// The basemap could not be loaded.
    BasemapUnavailable => ("底图未能加载，地点仍可查看", "The basemap could not be loaded; the sites still show"),
    /// The dataset holds no sites.
    NoSites => ("此数据集中没有地点", "This dataset has no sites"),
    /// Hint shown in the empty detail area.
    PickASite => ("在地图或时间轴上选择一个地点", "Choose a site on the map or the timeline"),
    /// Hint when no site has a date: the timeline is empty.
    PickOnMap => ("在地图上选择一个地点（此文件中的地点都没有日期）", "Choose a site on the map (no place in this file has a date)"),
    /// Hint when no site has coordinates: the map is empty.
    PickFromList => ("此文件中的地点都没有坐标：请从下方列表中选择", "No place in this file has coordinates: choose one from the list below"),
    /// In the panel, for a place without events.
    NoDate => ("日期不详：此地点只在地图上，不在时间轴上。", "No date known: this place is on the map, not on the timeline."),
    /// Said on the timeline when no site in the file has a date.
    NoDatesInFile => ("此文件中的地点都没有日期，时间轴上没有内容", "No place in this file has a date: the timeline has nothing to show"),
    /// Said on the map when no site in the file can be placed on it.
    NoPlacesOnMap => ("此文件中没有带坐标的地点", "No places with coordinates in this file"),
    /// Label of the site list navigation.
    Sites => ("地点", "Sites"),
    /// Heading of the map legend.
    Legend => ("图例", "Legend"),
    /// Name of the focusable map surface, with its keys.
    MapSurface => ("可操作地图：方向键平移，+ 和 − 缩放，Home 键复位", "Interactive map: arrow keys pan, + and − zoom, Home resets"),
    /// Credit prefix for raster tiles.
    Tiles => ("地图瓦片", "Map tiles"),
    /// The timeline's controls.
    /// Time-filter mode: everything.
    AllTime => ("全部时间", "All time"),
    /// Time-filter mode: what existed by the cursor; also the cursor's name.
    AsOf => ("截至", "As of"),
    /// Time-filter mode: a period between two handles.
    Period => ("时段", "Period"),
    /// Name of the group of time-filter modes.
    TimeFilter => ("时间筛选", "Time filter"),
    /// The period's start handle.
    From => ("起始", "From"),
    /// The period's end handle.
    To => ("结束", "To"),
    /// Starts playback.
    Play => ("播放", "Play"),
    /// Stops playback.
    Pause => ("暂停", "Pause"),
    /// Playback speed chooser.
    Speed => ("速度", "Speed"),
    /// Playback selects each event's site on the map.
    FollowOnMap => ("地图跟随", "Follow on the map"),
    /// Zooms the time axis in.
    ZoomInTime => ("放大时间轴", "Zoom timeline in"),
    /// Zooms the time axis out.
    ZoomOutTime => ("缩小时间轴", "Zoom timeline out"),
    /// Shows the whole time axis again.
    FitTime => ("显示完整时间轴", "Show whole timeline"),
    /// Status: no time filter.
    ShowingAllTime => ("显示所有年代的地点", "Showing sites of all times"),
    // ----- "Continue on your phone": the QR hand-off (src/hand_off/) -----
    /// Opens the QR dialog; also the dialog's title.
    ContinueOnPhone => ("在手机上继续", "Continue on your phone"),
    /// How to use the QR code.
    ScanToContinue => ("用手机相机扫描二维码，在手机上打开当前页面。", "Scan the code with your phone's camera to open this view on your phone."),
    /// Name of the QR code image.
    QrCode => ("当前页面链接的二维码", "QR code of the link to this view"),
    /// The link is too long for a QR code (only the text shows).
    QrTooLong => ("链接太长，无法生成二维码，请使用下面的网址。", "The link is too long for a QR code; use the address below."),
    /// The link points at the device itself (localhost, 127.x).
    LinkOnThisDevice => ("此链接指向本机自身的地址，手机可能无法打开。", "This link points at this device's own address; a phone may not be able to open it."),

    // ----- The guided tour (src/tour/) -----
    /// Starts the guided tour (pressed while it runs).
    TourStart => ("导览", "Tour"),
    /// Shows the tour's next chapter.
    TourNext => ("下一章", "Next"),
    /// Shows the tour's previous chapter.
    TourPrevious => ("上一章", "Previous"),
    /// Leaves the tour.
    TourExit => ("退出导览", "Exit tour"),
    /// Stops the tour's autoplay.
    TourPause => ("暂停导览", "Pause tour"),
    /// Starts the tour's autoplay again.
    TourPlay => ("播放导览", "Play tour"),
    /// Name of the bar that fills as a chapter's time runs.
    TourChapterTime => ("本章时间", "Chapter time"),

    // ---- Kiosk mode: the idle question (src/kiosk/) ----
    /// Title of the dialog a kiosk shows after a while without a touch.
    StillThere => ("还在浏览吗？", "Still there?"),
    /// The dialog's button: the visit goes on.
    Continue => ("继续", "Continue"),
    /// Under the countdown: any touch answers.
    TouchToContinue => ("轻触屏幕任意位置继续浏览", "Touch anywhere to keep exploring"),

    // ---- Categories from data: the legend's shared entries (src/map/legend.rs) ----
    /// Legend entry of the sites whose data gives no category.
    NoCategory => ("未分类", "No category"),
    /// Legend entry that holds the least used of the data's own categories.
    OtherCategories => ("其他", "Other"),
    // ---- Data problems: the triaged alert folds once read (src/problems.rs) ----
    /// Folds the problems alert to its summary line.
    HideProblemDetails => ("收起详情", "Hide details"),
    /// Opens a folded problems alert again.
    ShowProblems => ("查看问题", "Show problems"),

    // ---- The site list and keyboard use (issue 11: src/site_list/, src/keyboard.rs) ----
    /// The search box of the site list.
    SearchSites => ("搜索地点", "Search sites"),
    /// The list's order chooser.
    SortBy => ("排序", "Sort by"),
    /// Order: by the first event's date.
    ByDate => ("按年代", "By date"),
    /// Order: by name.
    ByName => ("按名称", "By name"),
    /// The group of category toggles.
    ShowCategories => ("显示类别", "Show categories"),
    /// The list is empty under the search and filters.
    NoSiteMatches => ("没有符合条件的地点", "No site matches"),
    /// A list entry's mark: the site has no date.
    Undated => ("日期不详", "No date known"),
    /// From the panel back to the site list.
    BackToList => ("返回列表", "Back to list"),
    /// Skip link to the map.
    SkipToMap => ("跳到地图", "Skip to map"),
    /// Skip link to the site list.
    SkipToList => ("跳到地点列表", "Skip to site list"),

    // ---- Phones: the detail panel's bottom sheet (src/panel/sheet.rs) ----
    /// The sheet's handle while it peeks: shows the whole panel.
    ExpandDetails => ("展开详情", "Expand details"),
    /// The sheet's handle while it shows the whole panel: back to peeking.
    CollapseDetails => ("收起详情", "Collapse details"),

    // ---- Curators: a local file previewed in the page (src/open_file/) ----
    /// The header button that opens a local file (a file input behind it).
    OpenFile => ("打开文件", "Open file"),
    /// The overlay's headline while a file is dragged over the page.
    DropToPreview => ("松开鼠标，在本页预览此文件", "Drop the file to preview it here"),
    /// Under the headline: the file never leaves the computer.
    ReadLocally => ("文件只在本机读取，不会上传", "The file is read on this computer; nothing is uploaded"),
    /// Beside the preview note: how to leave the preview.
    ReloadToLeave => ("刷新页面即回到发布的数据", "Reload to return to the published data"),
    // ---- Loading a large dataset (src/progress.rs) ----
    /// Name of the loading progress bar.
    LoadingDataset => ("正在加载数据集", "Loading the dataset"),
    /// Stops a dataset's download or check.
    CancelLoading => ("取消", "Cancel"),
    /// The alert after Cancel.
    LoadCancelled => ("已取消加载，未显示任何数据。", "Loading was cancelled; no data is shown."),
    /// Loads the page again after a cancelled load.
    Reload => ("重新加载", "Reload"),
    /// Why nothing shows, for a cancelled load.
    CancelledReason => ("已取消加载", "loading was cancelled"),
}

/// The catalogue entry for `ui` in `lang`.
pub fn t(lang: Lang, ui: Ui) -> &'static str {
    let (zh, en) = ui.texts();
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The name of a language in itself: what the language button offers.
pub fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "中文",
        Lang::En => "English",
    }
}

/// "Could not load data/x.geojson: …".
pub fn load_failed(lang: Lang, file: &str, reason: &str) -> String {
    match lang {
        Lang::Zh => format!("无法加载数据文件 {file}：{reason}"),
        Lang::En => format!("Could not load the data file {file}: {reason}"),
    }
}

/// "3 sites skipped, 2 warnings".
pub fn problems_summary(lang: Lang, file: &str, skipped: usize, warnings: usize) -> String {
    // "0 sites skipped" first would read as bad news when every site shows.
    match (lang, skipped) {
        (Lang::Zh, 0) => format!("{file}：所有地点均已显示，{warnings} 条提醒"),
        (Lang::Zh, _) => format!("{file}：{skipped} 个地点因错误未显示，{warnings} 条提醒"),
        (Lang::En, _) => {
            let w = if warnings == 1 { "" } else { "s" };
            if skipped == 0 {
                format!("{file}: every site shown, {warnings} warning{w}")
            } else {
                let s = if skipped == 1 { "" } else { "s" };
                format!(
                    "{file}: {skipped} site{s} skipped because of errors, {warnings} warning{w}"
                )
            }
        }
    }
}

/// Opens a problem group's full list: "all 306" / "全部 306 条".
pub fn all_problems(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("全部 {n} 条"),
        Lang::En => format!("all {n}"),
    }
}

/// The last line of a group listed only in part: "… and 999,000 more: atlas-check lists every one".
pub fn more_problems(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("……另有 {n} 条：atlas-check 会逐条列出"),
        Lang::En => format!("… and {n} more: atlas-check lists every one"),
    }
}

/// A cluster's name: "12 sites" / "12 处地点".
pub fn sites_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{n} 处地点"),
        Lang::En if n == 1 => "1 site".to_owned(),
        Lang::En => format!("{n} sites"),
    }
}

/// The site list's count, also said politely after a search: "12 sites shown".
pub fn sites_shown(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("显示 {n} 个地点"),
        Lang::En if n == 1 => "1 site shown".to_owned(),
        Lang::En => format!("{n} sites shown"),
    }
}

/// Under a long site list: only the first `n` are drawn.
pub fn sites_listed_first(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("只列出前 {n} 个地点；输入文字可查找其余地点"),
        Lang::En => format!("Only the first {n} are listed; type to find the others"),
    }
}

/// Status of the "as of" filter: "Showing what existed by 24 June 1939".
pub fn showing_as_of(lang: Lang, date: &str) -> String {
    match lang {
        Lang::Zh => format!("显示截至{date}已有的地点"),
        Lang::En => format!("Showing what existed by {date}"),
    }
}

/// Added to the time status when some places have no date: they stay on
/// the map whatever the filter, and the visitor should know why.
pub fn undated_note(lang: Lang, count: usize, filtered: bool) -> String {
    match (lang, filtered, count) {
        (Lang::Zh, true, n) => format!("，另有 {n} 个无日期地点"),
        (Lang::Zh, false, n) => format!("；{n} 个无日期地点只在地图上，不在时间轴上"),
        (Lang::En, true, 1) => ", plus 1 undated place".into(),
        (Lang::En, true, n) => format!(", plus {n} undated places"),
        (Lang::En, false, 1) => "; 1 undated place is on the map, not on the timeline".into(),
        (Lang::En, false, n) => format!("; {n} undated places are on the map, not on the timeline"),
    }
}

/// Heading of another tool's own fields in the panel: "Other fields in the file (12)".
pub fn other_fields(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Zh => format!("文件中的其他字段（{count}）"),
        Lang::En => format!("Other fields in the file ({count})"),
    }
}

/// What a file wrote in a time field that holds no date: "“founded”: Historic".
pub fn date_as_written(lang: Lang, field: &str, text: &str) -> String {
    match lang {
        Lang::Zh => format!("文件中“{field}”一栏写的是：{text}"),
        Lang::En => format!("The file's “{field}” says: {text}"),
    }
}

/// Status of the period filter: "Showing 1937 – 1945".
pub fn showing_period(lang: Lang, from: &str, to: &str) -> String {
    match lang {
        Lang::Zh => format!("显示{from}至{to}的地点"),
        Lang::En => format!("Showing sites of {from} to {to}"),
    }
}

/// A merged timeline mark: "7 events (1988–1995): expand".
pub fn merged_events(lang: Lang, n: usize, first: &str, last: &str) -> String {
    match lang {
        Lang::Zh => format!("{n} 个事件（{first}—{last}），点击展开"),
        Lang::En => format!("{n} events ({first}–{last}): expand"),
    }
}

/// A playback speed: "2×".
pub fn speed(factor: f64) -> String {
    format!("{factor}×")
}

/// "±300 m".
pub fn precision(lang: Lang, metres: f64) -> String {
    let m = metres.round();
    match lang {
        Lang::Zh => format!("误差约 {m} 米。"),
        Lang::En => format!("Accurate to about ±{m} m."),
    }
}

/// The progress bar's text while the file downloads: megabytes read, of the
/// total when the server said it.
pub fn downloading(lang: Lang, read: usize, total: Option<usize>) -> String {
    let mb = |b: usize| format!("{:.1}", b as f64 / 1_000_000.0);
    match (lang, total) {
        (Lang::Zh, Some(t)) => format!("正在下载数据集：{} / {} MB", mb(read), mb(t)),
        (Lang::Zh, None) => format!("正在下载数据集：已下载 {} MB", mb(read)),
        (Lang::En, Some(t)) => format!("Downloading the dataset: {} of {} MB", mb(read), mb(t)),
        (Lang::En, None) => format!("Downloading the dataset: {} MB so far", mb(read)),
    }
}

/// The progress bar's text while the sites are checked.
pub fn checking_sites(lang: Lang, done: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("正在检查地点：{done} / {total}"),
        Lang::En => format!("Checking sites: {done} of {total}"),
    }
}

/// Why a fetch failed, for [`load_failed`].
pub fn http_status(lang: Lang, status: u16) -> String {
    match lang {
        Lang::Zh => format!("服务器返回 HTTP {status}"),
        Lang::En => format!("the server answered HTTP {status}"),
    }
}

/// The network request itself failed.
pub fn network_error(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::Zh => format!("网络请求失败（{detail}）"),
        Lang::En => format!("the request failed ({detail})"),
    }
}

/// `?data=` pointed at another origin: what is allowed, and why.
pub fn not_same_origin(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "只能加载与本页同源的数据文件（如 data/atlas.geojson）：其他网站的文件未经本站审核，可能借本页向观众展示任何内容",
        Lang::En => "only data files from this page's own server can be loaded (such as data/atlas.geojson): a file from another site has not been checked by whoever runs this atlas, and could show visitors anything under its name",
    }
}

/// Where a link from data leads, shown beside its title: "(www.gov.cn)" /
/// "（www.gov.cn）", or this site for a path on the page's own server.
pub fn link_destination(lang: Lang, host: Option<&str>) -> String {
    match (lang, host) {
        (Lang::Zh, Some(host)) => format!("（{host}）"),
        (Lang::Zh, None) => "（本站）".to_owned(),
        (Lang::En, Some(host)) => format!("({host})"),
        (Lang::En, None) => "(this site)".to_owned(),
    }
}

/// The header during a curator's preview: "Local preview: foo.geojson".
pub fn local_preview(lang: Lang, file: &str) -> String {
    match lang {
        Lang::Zh => format!("本地预览：{file}"),
        Lang::En => format!("Local preview: {file}"),
    }
}

/// A spreadsheet's alert: "sites.csv: 2 errors (their rows are not shown), 1 warning".
pub fn sheet_problems_summary(lang: Lang, file: &str, errors: usize, warnings: usize) -> String {
    match lang {
        Lang::Zh => format!("{file}：{errors} 个错误（相关的行未显示），{warnings} 条提醒"),
        Lang::En => {
            let e = if errors == 1 { "" } else { "s" };
            let w = if warnings == 1 { "" } else { "s" };
            format!("{file}: {errors} error{e} (those rows are not shown), {warnings} warning{w}")
        }
    }
}

/// A file the curator opened is of no kind the app reads, for [`load_failed`].
pub fn unsupported_file(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "只能打开 .geojson、.json 或 .csv 文件",
        Lang::En => "only .geojson, .json and .csv files can be opened",
    }
}

/// The browser could not read a file the curator opened, for [`load_failed`].
pub fn file_unreadable(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::Zh => format!("无法读取此文件（{detail}）"),
        Lang::En => format!("the file could not be read ({detail})"),
    }
}

/// The tour's place: "Chapter 3 of 9" / "第 3 章，共 9 章" (`chapter` from 1).
pub fn chapter_of(lang: Lang, chapter: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {chapter} 章，共 {total} 章"),
        Lang::En => format!("Chapter {chapter} of {total}"),
    }
}

/// The kiosk's idle countdown: "Starting over in 7 seconds".
pub fn idle_countdown(lang: Lang, seconds: u32) -> String {
    match lang {
        Lang::Zh => format!("{seconds} 秒后回到首页"),
        Lang::En if seconds == 1 => "Starting over in 1 second".to_owned(),
        Lang::En => format!("Starting over in {seconds} seconds"),
    }
}

// ---- Categories from data ----

/// A site's category as visitors read it: the known ones translated, the
/// data's own values as written, and "No category" where the data gives none
/// (atlas-core's own label would say "Other", which the legend keeps for the
/// values it groups).
pub fn category_label(lang: Lang, category: &atlas_core::Category) -> String {
    if category.name().trim().is_empty() {
        t(lang, Ui::NoCategory).to_owned()
    } else {
        category.label(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_entry_exists_in_both_languages() {
        for &ui in Ui::ALL {
            let (zh, en) = (t(Lang::Zh, ui), t(Lang::En, ui));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{ui:?}");
        }
    }

    /// The Chinese wording corrected in issue 11, so it cannot drift back:
    /// 遗产地图 alone reads as "inheritance map", a bare "处" lacks its noun,
    /// and "±" inside 误差约 says the error twice.
    #[test]
    fn the_chinese_wording_reads_naturally() {
        assert_eq!(t(Lang::Zh, Ui::AppName), "文化遗产地图");
        assert_eq!(t(Lang::Zh, Ui::Approximate), "此为大致位置。");
        assert_eq!(t(Lang::Zh, Ui::NotOnMap), "暂未在地图上标出");
        assert_eq!(t(Lang::Zh, Ui::Tiles), "地图瓦片");
        assert_eq!(precision(Lang::Zh, 2500.0), "误差约 2500 米。");
        assert_eq!(sites_count(Lang::Zh, 12), "12 处地点");
        assert_eq!(
            merged_events(Lang::Zh, 7, "1988年", "1995年"),
            "7 个事件（1988年—1995年），点击展开"
        );
        assert_eq!(
            merged_events(Lang::En, 7, "1988", "1995"),
            "7 events (1988–1995): expand"
        );
    }
}
