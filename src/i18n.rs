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
        Ui::Legend => ("图例", "Legend"),
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
            Basemap,
            BasemapUnavailable,
            NoSites,
            PickASite,
            Sites,
            Legend,
        ];
        for ui in all {
            let (zh, en) = (t(Lang::Zh, ui), t(Lang::En, ui));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{ui:?}");
        }
    }
}
