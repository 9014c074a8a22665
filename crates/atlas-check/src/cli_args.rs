//! Reading the command line's words, shared by `check` and `import`/`export`:
//! `--flag=value` or `--flag value`, and the options every command takes
//! (`--strict`, `--format`, `--lang`, `--help`), so each command only spells
//! out its own.

use atlas_core::Lang;

/// The options every command takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CommonFlags {
    /// `--strict`: warnings fail too.
    pub strict: bool,
    /// `--format json`.
    pub json: bool,
    /// `--lang`: the messages' language.
    pub lang: Lang,
    /// `-h`/`--help`.
    pub help: bool,
}

impl Default for CommonFlags {
    fn default() -> Self {
        Self {
            strict: false,
            json: false,
            lang: Lang::En,
            help: false,
        }
    }
}

/// The words after the command, one at a time.
pub struct ArgReader<I: Iterator<Item = String>> {
    args: I,
    /// The value written after `=` in the word just read, if any.
    inline: Option<String>,
}

impl<I: Iterator<Item = String>> ArgReader<I> {
    /// Reads `args` (without the program name or the command).
    pub fn new(args: impl IntoIterator<IntoIter = I>) -> Self {
        Self {
            args: args.into_iter(),
            inline: None,
        }
    }

    /// The next word: a flag without its `=value`, or a plain argument.
    pub fn next_word(&mut self) -> Option<String> {
        let word = self.args.next()?;
        match word.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                self.inline = Some(value.to_owned());
                Some(flag.to_owned())
            }
            _ => {
                self.inline = None;
                Some(word)
            }
        }
    }

    /// The value of the flag just read: after its `=`, or the next word.
    pub fn value(&mut self, flag: &str) -> Result<String, String> {
        self.inline
            .take()
            .or_else(|| self.args.next())
            .ok_or_else(|| format!("{flag} needs a value"))
    }

    /// Every word left, as they are (after `--`).
    pub fn rest(&mut self) -> impl Iterator<Item = String> + '_ {
        self.args.by_ref()
    }

    /// Reads `word` into `flags` when it is one of the common options;
    /// false when it is not (the command's own, or a plain argument).
    pub fn common(&mut self, word: &str, flags: &mut CommonFlags) -> Result<bool, String> {
        match word {
            "--strict" => flags.strict = true,
            "-h" | "--help" => flags.help = true,
            "--format" => match self.value("--format")?.as_str() {
                "json" => flags.json = true,
                "text" => flags.json = false,
                other => return Err(format!("unknown format \"{other}\" (text or json)")),
            },
            "--lang" => {
                let tag = self.value("--lang")?;
                flags.lang = Lang::from_tag(&tag)
                    .ok_or_else(|| format!("unknown language \"{tag}\" (en or zh)"))?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// Whether `word` looks like an option (`-x`, `--xyz`); a lone `-` is a name.
pub fn is_option(word: &str) -> bool {
    word.starts_with('-') && word.len() > 1
}
