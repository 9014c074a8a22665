//! `atlas-check [--strict] [--format text|json] [--lang en|zh] FILE...`
//!
//! Exit status: 0 clean, 1 only warnings under `--strict`, 2 any error.

use std::process::ExitCode;

use atlas_check::{check_file, exit_code, parse_args, render_json, render_text, Args, USAGE};

fn main() -> ExitCode {
    let args: Args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("atlas-check: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.help {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let reports: Vec<_> = args.files.iter().map(|f| check_file(f)).collect();
    let output = match args.json {
        true => render_json(&reports),
        false => render_text(&reports, args.lang),
    };
    print!("{output}");
    ExitCode::from(exit_code(&reports, args.strict))
}
