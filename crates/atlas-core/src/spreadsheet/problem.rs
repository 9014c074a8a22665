//! What can be wrong in a spreadsheet, said where a curator looks: sheet,
//! row (as the spreadsheet numbers it, the header being row 1) and column
//! (its letter and header). Codes are the ones `atlas-check` prints, so a
//! bad date is `bad-date` whether it came from GeoJSON or from a sheet.

use std::fmt;

use crate::date::DateError;
use crate::problem::{ProblemKind, Severity};
use crate::text::Lang;

use super::coordinate::CoordinateError;

/// The sheet could not be read at all.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// Larger than a dataset may be.
    #[error("the file is {bytes} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the file.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The bytes are not UTF-8 (Excel's plain "CSV" on a Chinese system is GBK).
    #[error("not UTF-8 text: the bytes from offset {offset} are not UTF-8; save the sheet as \"CSV UTF-8\"")]
    NotUtf8 {
        /// 0-based offset of the first byte that is not UTF-8.
        offset: usize,
    },
    /// The CSV itself is malformed (an unclosed quote, …).
    #[error("not a readable CSV file at row {row}: {message}")]
    Csv {
        /// 1-based row where reading stopped.
        row: usize,
        /// What the CSV reader says.
        message: String,
    },
    /// No row with any text: no header to go by.
    #[error("the sheet is empty: the first row must name the columns (see docs/template.csv)")]
    Empty,
    /// A header row without a single known column: not this layout.
    #[error("row {row} names none of the known columns (id, name_zh, name_en, longitude, latitude, date, …); start from docs/template.csv")]
    NoKnownColumns {
        /// The header's row.
        row: usize,
    },
}

impl ImportError {
    /// A stable name for machines, in the style of `atlas-check`'s fatal codes.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::TooLarge { .. } => "too-large",
            ImportError::NotUtf8 { .. } => "not-utf8",
            ImportError::Csv { .. } => "invalid-csv",
            ImportError::Empty => "empty-sheet",
            ImportError::NoKnownColumns { .. } => "no-known-columns",
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => match self {
                ImportError::TooLarge { bytes, limit } => {
                    format!("文件大小为 {bytes} 字节，超过 {limit} 字节的上限")
                }
                ImportError::NotUtf8 { offset } => format!(
                    "不是 UTF-8 文本：从第 {offset} 字节（自 0 起计）起不是 UTF-8；请另存为“CSV UTF-8（逗号分隔）”"
                ),
                ImportError::Csv { row, message } => {
                    format!("第 {row} 行无法按 CSV 读取：{message}")
                }
                ImportError::Empty => {
                    "表格是空的：第一行须写明各列名称（见 docs/template.csv）".into()
                }
                ImportError::NoKnownColumns { row } => format!(
                    "第 {row} 行没有任何已知列名（id、name_zh、name_en、longitude、latitude、date 等）；请从 docs/template.csv 开始"
                ),
            },
        }
    }
}

/// Where in the sheet a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellPlace {
    /// The sheet's name (an XLSX tab); `None` for a CSV file, which has one.
    pub sheet: Option<String>,
    /// The row as the spreadsheet numbers it (the header is row 1); `None`
    /// for the sheet as a whole.
    pub row: Option<usize>,
    /// The column, if one is meant.
    pub column: Option<ColumnRef>,
}

/// A column as the curator sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnRef {
    /// Its letter (`F`), when the sheet has it; a column the sheet lacks has none.
    pub letter: Option<String>,
    /// Its header as written, or the English header of a column the sheet lacks.
    pub header: String,
}

impl CellPlace {
    /// "sheet Sites, row 5, column F (date)" / "工作表 Sites，第 5 行，F 列（date）".
    pub fn describe(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        if let Some(sheet) = &self.sheet {
            parts.push(match lang {
                Lang::En => format!("sheet {sheet}"),
                Lang::Zh => format!("工作表 {sheet}"),
            });
        }
        match (self.row, lang) {
            (Some(row), Lang::En) => parts.push(format!("row {row}")),
            (Some(row), Lang::Zh) => parts.push(format!("第 {row} 行")),
            (None, Lang::En) if parts.is_empty() => parts.push("sheet".into()),
            (None, Lang::Zh) if parts.is_empty() => parts.push("表格".into()),
            (None, _) => {}
        }
        if let Some(c) = &self.column {
            parts.push(match (&c.letter, lang) {
                (Some(l), Lang::En) => format!("column {l} ({})", c.header),
                (Some(l), Lang::Zh) => format!("{l} 列（{}）", c.header),
                (None, Lang::En) => format!("column {}", c.header),
                (None, Lang::Zh) => format!("{} 列", c.header),
            });
        }
        parts.join(if lang == Lang::Zh { "，" } else { ", " })
    }
}

/// One problem, with its cell.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetProblem {
    /// An error leaves the site out of the dataset; a warning keeps it.
    pub severity: Severity,
    /// Where.
    pub place: CellPlace,
    /// What is wrong.
    pub kind: SheetProblemKind,
}

impl SheetProblem {
    /// The line a curator reads: place, then what is wrong and how to fix it.
    pub fn message(&self, lang: Lang) -> String {
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        format!(
            "{}{colon}{}",
            self.place.describe(lang),
            self.kind.message(lang)
        )
    }
}

impl fmt::Display for SheetProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// What is wrong in a sheet.
#[derive(Clone, Debug, PartialEq)]
pub enum SheetProblemKind {
    /// A header the importer does not know; the column is ignored.
    UnknownColumn(String),
    /// A header one slip away from a known one.
    LikelyTypo {
        /// The header as written.
        found: String,
        /// The header probably meant.
        meant: &'static str,
    },
    /// The same column twice; the later one is ignored.
    DuplicateColumn {
        /// The letter of the column that is read.
        first: String,
    },
    /// A row with no id or name, and no site above it to belong to.
    CarryDownFromNothing,
    /// A coordinate cell that cannot be read.
    BadCoordinate(CoordinateError),
    /// A date cell that cannot be read.
    BadDate(DateError),
    /// Text of the other language in a `_zh` or `_en` column.
    WrongLanguage {
        /// The language the column is for.
        column_lang: Lang,
    },
    /// A site cell that differs from what an earlier row of the same site says.
    ConflictingValue {
        /// The row whose value is used.
        first_row: usize,
        /// That value.
        kept: String,
    },
    /// A cell meant to hold JSON (`geometry`, `dataset`) that is not JSON.
    BadJson(String),
    /// Sites with no date at all (no row of theirs has a date).
    Undated {
        /// The first row of each.
        rows: Vec<usize>,
    },
    /// Sites without an id, given one made from their name.
    GeneratedIds {
        /// The first row of each.
        rows: Vec<usize>,
    },
    /// A problem the dataset loader found (the same checks as `atlas-check`),
    /// placed on the cell it came from.
    Dataset(ProblemKind),
}

impl SheetProblemKind {
    /// The stable code `atlas-check --format json` prints.
    pub fn code(&self) -> &'static str {
        use SheetProblemKind::*;
        match self {
            UnknownColumn(_) => "unknown-column",
            LikelyTypo { .. } => "likely-typo",
            DuplicateColumn { .. } => "duplicate-column",
            CarryDownFromNothing => "carry-down-from-nothing",
            BadCoordinate(_) => "bad-coordinate",
            BadDate(_) => "bad-date",
            WrongLanguage { .. } => "wrong-language",
            ConflictingValue { .. } => "conflicting-value",
            BadJson(_) => "invalid-json",
            Undated { .. } => "undated",
            GeneratedIds { .. } => "generated-ids",
            Dataset(kind) => kind.code(),
        }
    }

    /// What is wrong and how to fix it, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use SheetProblemKind::*;
        match (self, lang) {
            (UnknownColumn(h), Lang::En) => format!(
                "unknown column \"{h}\", ignored; the columns are listed in docs/spreadsheet.md"
            ),
            (UnknownColumn(h), Lang::Zh) => {
                format!("未知列“{h}”，已忽略；各列见 docs/spreadsheet.md")
            }
            (LikelyTypo { found, meant }, Lang::En) => format!(
                "unknown column \"{found}\", probably meant \"{meant}\"; rename it, or it is ignored"
            ),
            (LikelyTypo { found, meant }, Lang::Zh) => {
                format!("未知列“{found}”，可能应为“{meant}”；请改名，否则该列会被忽略")
            }
            (DuplicateColumn { first }, Lang::En) => format!(
                "the same column as column {first}; only column {first} is read, delete or rename this one"
            ),
            (DuplicateColumn { first }, Lang::Zh) => {
                format!("与 {first} 列重复；只读取 {first} 列，请删除或改名此列")
            }
            (CarryDownFromNothing, Lang::En) => "no id or name, and no site above to carry down from; write the site's id or name in this row".into(),
            (CarryDownFromNothing, Lang::Zh) => "没有编号或名称，上方也没有可沿用的地点；请在此行写明地点的编号或名称".into(),
            (BadCoordinate(e), lang) => e.describe(lang),
            (BadDate(DateError::Form(t)), Lang::En) => format!(
                "\"{t}\" is not a date; write 1939, 1939-06, 1939-06-24, 1939年6月24日 or 24/06/1939 (day first)"
            ),
            (BadDate(DateError::Form(t)), Lang::Zh) => format!(
                "“{t}”不是日期；请写成 1939、1939-06、1939-06-24、1939年6月24日 或 24/06/1939（日在前）"
            ),
            (BadDate(e), lang) => ProblemKind::BadDate(e.clone()).message(lang),
            (WrongLanguage { column_lang: Lang::En }, Lang::En) => "Chinese text in an English column; move it to the _zh column beside it".into(),
            (WrongLanguage { column_lang: Lang::En }, Lang::Zh) => "英文列中写的是中文；请移到旁边的 _zh 列".into(),
            (WrongLanguage { column_lang: Lang::Zh }, Lang::En) => "no Chinese in a Chinese column; move the text to the _en column beside it".into(),
            (WrongLanguage { column_lang: Lang::Zh }, Lang::Zh) => "中文列中没有中文；请把文字移到旁边的 _en 列".into(),
            (ConflictingValue { first_row, kept }, Lang::En) => format!(
                "differs from row {first_row} of the same site (\"{kept}\"), which is used; leave this cell blank or make them the same"
            ),
            (ConflictingValue { first_row, kept }, Lang::Zh) => format!(
                "与同一地点第 {first_row} 行的值（“{kept}”）不同，采用第 {first_row} 行的值；请留空此格或改为相同"
            ),
            (BadJson(m), Lang::En) => format!("not valid JSON ({m}); export writes this cell, copy it unchanged or leave it blank"),
            (BadJson(m), Lang::Zh) => format!("不是有效的 JSON（{m}）；此格由导出生成，请原样保留或留空"),
            (Undated { rows }, Lang::En) => format!(
                "{} with no date ({}): shown on the map, not on the timeline; give each a row with a date",
                if rows.len() == 1 { "1 site".to_owned() } else { format!("{} sites", rows.len()) },
                row_list(rows, Lang::En)
            ),
            (Undated { rows }, Lang::Zh) => format!(
                "{} 个地点没有日期（{}）：显示在地图上，不显示在时间轴上；请为每个地点写一行带日期的事件",
                rows.len(),
                row_list(rows, Lang::Zh)
            ),
            (GeneratedIds { rows }, Lang::En) => format!(
                "{} without an id ({}): each was given one from its name; write an id to choose the names used in links",
                if rows.len() == 1 { "1 site".to_owned() } else { format!("{} sites", rows.len()) },
                row_list(rows, Lang::En)
            ),
            (GeneratedIds { rows }, Lang::Zh) => format!(
                "{} 个地点没有编号（{}）：已按名称生成；请填写 id 以自定链接中的名称",
                rows.len(),
                row_list(rows, Lang::Zh)
            ),
            (Dataset(ProblemKind::Unnamed), Lang::En) => "no name; write name_zh and name_en (the site shows as \"Unnamed place\")".into(),
            (Dataset(ProblemKind::Unnamed), Lang::Zh) => "没有名称；请填写 name_zh 和 name_en（该地点暂显示为“未命名地点”）".into(),
            (Dataset(ProblemKind::Missing), Lang::En) => "missing; this cell is required".into(),
            (Dataset(ProblemKind::Missing), Lang::Zh) => "缺少此必填项".into(),
            (Dataset(ProblemKind::NoSources), Lang::En) => "no sources; write source_title (and source_url) in a row of this site".into(),
            (Dataset(ProblemKind::NoSources), Lang::Zh) => "没有资料来源；请在此地点的某一行填写 source_title（及 source_url）".into(),
            (Dataset(ProblemKind::ProbablySwapped { shown_swapped: true }), Lang::En) => "latitude and longitude are swapped (shown swapped back for now); exchange the two cells".into(),
            (Dataset(ProblemKind::ProbablySwapped { shown_swapped: true }), Lang::Zh) => "经纬度写反了（暂按调换后的位置显示）；请对调这两格".into(),
            (Dataset(ProblemKind::ProbablySwapped { shown_swapped: false }), Lang::En) => "latitude and longitude are probably swapped: swapped, the site would lie among the others; check the two cells".into(),
            (Dataset(ProblemKind::ProbablySwapped { shown_swapped: false }), Lang::Zh) => "经纬度可能写反了：调换后该地点才与其他地点相邻；请检查这两格".into(),
            (Dataset(kind), lang) => kind.message(lang),
        }
    }
}

/// "rows 3, 7 and 12 more" / "第 3、7 行等，另有 12 个".
fn row_list(rows: &[usize], lang: Lang) -> String {
    crate::problem::first_few(rows, lang, ("row", "rows"), ("第 ", " 行"))
}
