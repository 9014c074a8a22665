//! The one catalogue of interface strings, in Chinese and English.
//!
//! Text from the dataset is bilingual in the data itself; everything the app
//! says on its own comes from here, so a new language is one new column.

use atlas_core::Lang;

/// A fixed interface string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ui {
    /// The app's name.
    AppName,
    /// Name of the map region.
    Map,
    /// Name of the timeline region.
    Timeline,
    /// Zoom button.
    ZoomIn,
    /// Zoom button.
    ZoomOut,
    /// Fits the map to all sites again.
    ResetView,
    /// Closes the detail panel.
    Close,
    /// While the dataset loads.
    Loading,
    /// Panel heading.
    Events,
    /// Panel heading.
    Sources,
    /// Panel label.
    Address,
    /// Panel label.
    Category,
    /// Panel label.
    Location,
    /// Shown for approximate positions.
    Approximate,
    /// A site with no known position.
    NotLocated,
    /// Heading of the list of sites without a position.
    NotOnMap,
    /// Heading of the problem list.
    DataProblems,
    /// Label of a problem that keeps a site off the map.
    ProblemError,
    /// Label of a problem that leaves the site shown.
    ProblemWarning,
    /// Basemap credit prefix.
    Basemap,
    /// The basemap could not be loaded.
    BasemapUnavailable,
    /// The dataset holds no sites.
    NoSites,
    /// Hint shown in the empty detail area.
    PickASite,
    /// Label of the site list navigation.
    Sites,
    /// Heading of the map legend.
    Legend,
    /// Name of the focusable map surface, with its keys.
    MapSurface,
    /// Credit prefix for raster tiles.
    Tiles,
    // The timeline's controls.
    /// Time-filter mode: everything.
    AllTime,
    /// Time-filter mode: what existed by the cursor; also the cursor's name.
    AsOf,
    /// Time-filter mode: a period between two handles.
    Period,
    /// Name of the group of time-filter modes.
    TimeFilter,
    /// The period's start handle.
    From,
    /// The period's end handle.
    To,
    /// Starts playback.
    Play,
    /// Stops playback.
    Pause,
    /// Playback speed chooser.
    Speed,
    /// Playback selects each event's site on the map.
    FollowOnMap,
    /// Zooms the time axis in.
    ZoomInTime,
    /// Zooms the time axis out.
    ZoomOutTime,
    /// Shows the whole time axis again.
    FitTime,
    /// Status: no time filter.
    ShowingAllTime,
}

/// The catalogue entry for `ui` in `lang`.
pub fn t(lang: Lang, ui: Ui) -> &'static str {
    let (zh, en) = match ui {
        Ui::AppName => ("遗产地图", "Heritage Atlas"),
        Ui::Map => ("地图", "Map"),
        Ui::Timeline => ("时间轴", "Timeline"),
        Ui::ZoomIn => ("放大", "Zoom in"),
        Ui::ZoomOut => ("缩小", "Zoom out"),
        Ui::ResetView => ("重置视图", "Reset view"),
        Ui::Close => ("关闭", "Close"),
        Ui::Loading => ("正在加载数据…", "Loading data…"),
        Ui::Events => ("大事记", "Events"),
        Ui::Sources => ("资料来源", "Sources"),
        Ui::Address => ("地址", "Address"),
        Ui::Category => ("类别", "Category"),
        Ui::Location => ("位置", "Location"),
        Ui::Approximate => ("位置为近似值。", "Approximate location."),
        Ui::NotLocated => ("位置尚未确定。", "Location not known yet."),
        Ui::NotOnMap => ("未在地图上标出", "Not on the map yet"),
        Ui::DataProblems => ("数据问题", "Data problems"),
        Ui::ProblemError => ("错误", "Error"),
        Ui::ProblemWarning => ("提醒", "Warning"),
        Ui::Basemap => ("底图", "Basemap"),
        Ui::BasemapUnavailable => (
            "底图未能加载，地点仍可查看",
            "The basemap could not be loaded; the sites still show",
        ),
        Ui::NoSites => ("此数据集中没有地点", "This dataset has no sites"),
        Ui::PickASite => (
            "在地图或时间轴上选择一个地点",
            "Choose a site on the map or the timeline",
        ),
        Ui::Sites => ("地点", "Sites"),
        Ui::AllTime => ("全部时间", "All time"),
        Ui::AsOf => ("截至", "As of"),
        Ui::Period => ("时段", "Period"),
        Ui::TimeFilter => ("时间筛选", "Time filter"),
        Ui::From => ("起始", "From"),
        Ui::To => ("结束", "To"),
        Ui::Play => ("播放", "Play"),
        Ui::Pause => ("暂停", "Pause"),
        Ui::Speed => ("速度", "Speed"),
        Ui::FollowOnMap => ("地图跟随", "Follow on the map"),
        Ui::ZoomInTime => ("放大时间轴", "Zoom timeline in"),
        Ui::ZoomOutTime => ("缩小时间轴", "Zoom timeline out"),
        Ui::FitTime => ("显示完整时间轴", "Show whole timeline"),
        Ui::ShowingAllTime => ("显示所有年代的地点", "Showing sites of all times"),
        Ui::Legend => ("图例", "Legend"),
        Ui::Tiles => ("瓦片地图", "Map tiles"),
        Ui::MapSurface => (
            "可操作地图：方向键平移，+ 和 − 缩放，Home 键复位",
            "Interactive map: arrow keys pan, + and − zoom, Home resets",
        ),
    };
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
    match lang {
        Lang::Zh => format!("{file}：{skipped} 个地点因错误未显示，{warnings} 条提醒"),
        Lang::En => {
            let s = if skipped == 1 { "" } else { "s" };
            let w = if warnings == 1 { "" } else { "s" };
            format!("{file}: {skipped} site{s} skipped because of errors, {warnings} warning{w}")
        }
    }
}

/// "and 7 more".
pub fn and_more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("另有 {n} 条"),
        Lang::En => format!("and {n} more"),
    }
}

/// A cluster's name: "12 sites" / "12 处".
pub fn sites_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{n} 处"),
        Lang::En if n == 1 => "1 site".to_owned(),
        Lang::En => format!("{n} sites"),
    }
}

/// Status of the "as of" filter: "Showing what existed by 24 June 1939".
pub fn showing_as_of(lang: Lang, date: &str) -> String {
    match lang {
        Lang::Zh => format!("显示截至{date}已有的地点"),
        Lang::En => format!("Showing what existed by {date}"),
    }
}

/// Status of the period filter: "Showing 1937 – 1945".
pub fn showing_period(lang: Lang, from: &str, to: &str) -> String {
    match lang {
        Lang::Zh => format!("显示{from}至{to}的地点"),
        Lang::En => format!("Showing sites of {from} to {to}"),
    }
}

/// A merged timeline mark: "7 events, 1988–1995: spread out".
pub fn merged_events(lang: Lang, n: usize, first: &str, last: &str) -> String {
    match lang {
        Lang::Zh => format!("{n} 个事件，{first}—{last}：展开"),
        Lang::En => format!("{n} events, {first}–{last}: spread out"),
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
        Lang::Zh => format!("误差约 ±{m} 米。"),
        Lang::En => format!("Accurate to about ±{m} m."),
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

/// `?data=` pointed at another origin.
pub fn not_same_origin(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "只能加载与本页同源的数据文件",
        Lang::En => "only data files from this page's own server can be loaded",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_entry_exists_in_both_languages() {
        use Ui::*;
        let all = [
            AppName,
            Map,
            Timeline,
            ZoomIn,
            ZoomOut,
            ResetView,
            Close,
            Loading,
            Events,
            Sources,
            Address,
            Category,
            Location,
            Approximate,
            NotLocated,
            NotOnMap,
            DataProblems,
            ProblemError,
            ProblemWarning,
            Basemap,
            BasemapUnavailable,
            NoSites,
            PickASite,
            Sites,
            Legend,
            MapSurface,
            Tiles,
            AllTime,
            AsOf,
            Period,
            TimeFilter,
            From,
            To,
            Play,
            Pause,
            Speed,
            FollowOnMap,
            ZoomInTime,
            ZoomOutTime,
            FitTime,
            ShowingAllTime,
        ];
        for ui in all {
            let (zh, en) = (t(Lang::Zh, ui), t(Lang::En, ui));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{ui:?}");
        }
    }
}
