//! CSV files ↔ [`Table`], with the `csv` crate (pure Rust, no I/O of its own,
//! so it builds for the browser too).

use super::problem::ImportError;
use super::Table;
use crate::parse::UTF8_BOM;

/// Reads CSV bytes into rows. The separator is the header line's: a comma,
/// else a semicolon (European Excel) or a tab, whichever it has.
pub fn read_csv(bytes: &[u8]) -> Result<Table, ImportError> {
    let skipped = if bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let text = std::str::from_utf8(&bytes[skipped..]).map_err(|e| ImportError::NotUtf8 {
        offset: skipped + e.valid_up_to(),
    })?;
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .find(|d| first_line.as_bytes().contains(d))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Csv {
            row: rows.len() + 1,
            message: e.to_string(),
        })?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(Table { sheet: None, rows })
}

/// Writes rows as CSV, UTF-8 with a byte order mark: without it Excel on a
/// Chinese system reads the file as GBK and shows the Chinese garbled.
pub fn write_csv(table: &Table) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(UTF8_BOM.to_vec());
    for row in &table.rows {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(row);
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_reads_back_what_it_writes_quotes_and_newlines_included() {
        let table = Table {
            sheet: None,
            rows: vec![
                vec!["id".into(), "name_zh".into()],
                vec!["a".into(), "“夜袭”, 1939\n第二行".into()],
            ],
        };
        let bytes = write_csv(&table);
        assert!(bytes.starts_with(UTF8_BOM));
        assert_eq!(read_csv(&bytes).unwrap(), table);
    }

    #[test]
    fn semicolons_and_tabs_separate_too() {
        let rows = read_csv(b"id;name_en\na;A\n").unwrap().rows;
        assert_eq!(rows[1], ["a", "A"]);
        let rows = read_csv(b"id\tname_en\na\tA, B\n").unwrap().rows;
        assert_eq!(rows[1], ["a", "A, B"]);
    }

    #[test]
    fn gbk_bytes_are_refused_with_the_offset() {
        // "纪念" in GBK.
        let err = read_csv(b"id,name_zh\na,\xbc\xcd\xc4\xee\n").unwrap_err();
        assert_eq!(err, ImportError::NotUtf8 { offset: 13 });
    }
}
