//! QR codes of deep links, so a visitor at a kiosk can carry the current view
//! to a phone.
//!
//! The symbol comes out as the data an SVG needs (a view box size and one path
//! `d` string), never as markup: the view draws `<svg viewBox><path d/></svg>`
//! as elements, so nothing is parsed as HTML and no request is made.

use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};
use thiserror::Error;

/// Light modules around the symbol on every side, as the standard requires
/// (ISO/IEC 18004: four modules); scanners need it to find the finder
/// patterns, and a kiosk's page background cannot be trusted to be light.
pub const QUIET_ZONE: usize = 4;

/// A QR code ready to draw: a square of dark and light modules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrSymbol {
    /// Modules per side, without the quiet zone (21 for version 1, +4 per version).
    modules: usize,
    /// Row-major, `true` for dark.
    dark: Vec<bool>,
}

/// Why a text could not become a QR code.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum QrError {
    /// More bytes than the largest symbol (version 40) holds at the chosen
    /// error correction level: 2331 bytes.
    #[error("{bytes} bytes are too many for a QR code (at most {MAX_BYTES})")]
    TooLong {
        /// The length of the text in UTF-8 bytes.
        bytes: usize,
    },
}

/// The longest text, in UTF-8 bytes, that [`QrSymbol::encode`] accepts.
pub const MAX_BYTES: usize = 2331;

/// Medium error correction (about 15 % of the symbol can be lost): a screen
/// is clean and flat, so the higher levels would only make modules smaller.
const EC_LEVEL: EcLevel = EcLevel::M;

impl QrSymbol {
    /// Encodes `text` (normally an absolute `http(s)` URL) in the smallest
    /// symbol that holds it.
    ///
    /// Always byte mode, the text's UTF-8 as it is: the encoder's automatic
    /// mode choice can read some UTF-8 sequences (Chinese among them) as
    /// Shift JIS kanji, which phones then decode to the wrong characters.
    pub fn encode(text: &str) -> Result<QrSymbol, QrError> {
        let bytes = text.as_bytes();
        let too_long = QrError::TooLong { bytes: bytes.len() };
        let bits = (1..=40)
            .find_map(|version| {
                let mut bits = Bits::new(Version::Normal(version));
                bits.push_byte_data(bytes).ok()?;
                bits.push_terminator(EC_LEVEL).ok()?;
                Some(bits)
            })
            .ok_or_else(|| too_long.clone())?;
        let code = QrCode::with_bits(bits, EC_LEVEL).map_err(|_| too_long)?;
        Ok(QrSymbol {
            modules: code.width(),
            dark: code
                .into_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        })
    }

    /// Modules per side, without the quiet zone.
    pub fn modules(&self) -> usize {
        self.modules
    }

    /// Whether the module at column `x`, row `y` (0-based, quiet zone not
    /// counted) is dark; outside the symbol, light.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.modules && y < self.modules && self.dark[y * self.modules + x]
    }

    /// Side of the square view box, quiet zone included, in modules: the SVG's
    /// `viewBox="0 0 N N"`.
    pub fn view_size(&self) -> usize {
        self.modules + 2 * QUIET_ZONE
    }

    /// Every dark module as one SVG path in view box units (one module = 1),
    /// already offset by the quiet zone: one rectangle per horizontal run of
    /// dark modules, which keeps the string a few kilobytes at most. Fill it
    /// dark on a light background, with `shape-rendering="crispEdges"`.
    pub fn path_d(&self) -> String {
        let mut d = String::new();
        for y in 0..self.modules {
            let mut x = 0;
            while x < self.modules {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.modules && self.is_dark(x, y) {
                    x += 1;
                }
                let run = x - start;
                if !d.is_empty() {
                    d.push(' ');
                }
                d.push_str(&format!(
                    "M{} {}h{run}v1h-{run}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE
                ));
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Paints `d` (only the `M x y h n v1 h-n z` rectangles `path_d` writes)
    /// onto a `size`×`size` grid, so tests read what a browser would draw.
    fn rasterise(d: &str, size: usize) -> Vec<bool> {
        let mut grid = vec![false; size * size];
        for rect in d.split(' ').collect::<Vec<_>>().chunks(2) {
            let x: usize = rect[0].trim_start_matches('M').parse().unwrap();
            let rest = rect[1];
            let (y, rest) = rest.split_once('h').unwrap();
            let (run, rest) = rest.split_once('v').unwrap();
            assert_eq!(
                rest,
                format!("1h-{run}z"),
                "rectangle closes where it began"
            );
            let (y, run): (usize, usize) = (y.parse().unwrap(), run.parse().unwrap());
            for cx in x..x + run {
                assert!(!grid[y * size + cx], "rectangles never overlap");
                grid[y * size + cx] = true;
            }
        }
        grid
    }

    /// Draws the path at `scale` pixels per module, then reads it with an
    /// independent decoder (rqrr), as a phone's camera would.
    fn scan(symbol: &QrSymbol, scale: usize) -> String {
        let size = symbol.view_size();
        let grid = rasterise(&symbol.path_d(), size);
        let px = size * scale;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
            if grid[(y / scale) * size + x / scale] {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "exactly one symbol is found");
        grids[0].decode().expect("the symbol decodes").1
    }

    #[test]
    fn a_deep_link_scans_back_to_the_same_link() {
        let link = "https://atlas.example.org/?site=xushuguan-raid-memorial&lang=en&t=1940";
        assert_eq!(scan(&QrSymbol::encode(link).unwrap(), 4), link);
    }

    #[test]
    fn chinese_text_scans_back_unchanged() {
        // The automatic mode choice would have read some of these bytes as kanji.
        let text = "夜袭浒墅关纪念碑 中国刺绣艺术馆";
        assert_eq!(scan(&QrSymbol::encode(text).unwrap(), 4), text);
    }

    #[test]
    fn a_short_text_fits_the_smallest_symbol() {
        let symbol = QrSymbol::encode("https://a.cn/").unwrap();
        assert_eq!(symbol.modules(), 21);
        assert_eq!(symbol.view_size(), 21 + 2 * QUIET_ZONE);
    }

    #[test]
    fn longer_texts_take_larger_symbols() {
        let short = QrSymbol::encode("https://a.cn/").unwrap();
        let long = QrSymbol::encode(&format!("https://a.cn/?q={}", "x".repeat(300))).unwrap();
        assert!(long.modules() > short.modules());
        assert_eq!((long.modules() - 17) % 4, 0, "sides are 17 + 4 × version");
    }

    #[test]
    fn the_quiet_zone_stays_light() {
        let symbol = QrSymbol::encode("https://atlas.example.org/?site=a").unwrap();
        let size = symbol.view_size();
        let grid = rasterise(&symbol.path_d(), size);
        for y in 0..size {
            for x in 0..size {
                let inside = (QUIET_ZONE..size - QUIET_ZONE).contains(&x)
                    && (QUIET_ZONE..size - QUIET_ZONE).contains(&y);
                if !inside {
                    assert!(
                        !grid[y * size + x],
                        "dark module at {x},{y} in the quiet zone"
                    );
                }
            }
        }
        // The top-left finder pattern starts right where the quiet zone ends.
        assert!(grid[QUIET_ZONE * size + QUIET_ZONE]);
    }

    #[test]
    fn the_path_draws_exactly_the_dark_modules() {
        let symbol = QrSymbol::encode("https://atlas.example.org/?site=b&lang=zh").unwrap();
        let size = symbol.view_size();
        let grid = rasterise(&symbol.path_d(), size);
        for y in 0..symbol.modules() {
            for x in 0..symbol.modules() {
                assert_eq!(
                    grid[(y + QUIET_ZONE) * size + x + QUIET_ZONE],
                    symbol.is_dark(x, y),
                    "module {x},{y}"
                );
            }
        }
    }

    #[test]
    fn different_links_give_different_symbols() {
        let a = QrSymbol::encode("https://atlas.example.org/?site=a").unwrap();
        let b = QrSymbol::encode("https://atlas.example.org/?site=b").unwrap();
        assert_eq!(a.modules(), b.modules());
        assert_ne!(a.path_d(), b.path_d());
    }

    #[test]
    fn the_longest_text_fits_and_one_byte_more_does_not() {
        assert_eq!(
            QrSymbol::encode(&"x".repeat(MAX_BYTES)).unwrap().modules(),
            177
        );
        assert_eq!(
            QrSymbol::encode(&"x".repeat(MAX_BYTES + 1)),
            Err(QrError::TooLong {
                bytes: MAX_BYTES + 1
            })
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Whatever the text (URLs, any Unicode), the drawn symbol reads back as it.
        #[test]
        fn any_text_scans_back(text in "\\PC{0,120}") {
            let symbol = QrSymbol::encode(&text).unwrap();
            prop_assert_eq!(scan(&symbol, 3), text);
        }
    }
}
