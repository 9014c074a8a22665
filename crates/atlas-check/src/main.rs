//! `atlas-check [check] [--strict] [--format text|json] [--lang en|zh] FILE...`
//! `atlas-check import SHEET.csv|SHEET.xlsx [-o OUT.geojson]`
//! `atlas-check export DATASET -o OUT.csv|OUT.xlsx`
//!
//! Exit status: 0 clean, 1 only warnings under `--strict`, 2 any error.

use std::process::ExitCode;

use atlas_check::sheet::{parse_sheet_args, run_export, run_import, EXPORT_USAGE, IMPORT_USAGE};
use atlas_check::{check_file, exit_code, parse_args, render_json, render_text, Args, USAGE};

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `atlas-check FILE...` stays the check, as before the subcommands came.
    let command = match args.first().map(String::as_str) {
        Some(c @ ("check" | "import" | "export")) => {
            let c = c.to_owned();
            args.remove(0);
            c
        }
        _ => "check".to_owned(),
    };
    match command.as_str() {
        "import" => sheet_command(args, IMPORT_USAGE, "import", run_import),
        "export" => sheet_command(args, EXPORT_USAGE, "export", run_export),
        _ => check(args),
    }
}

fn sheet_command(
    args: Vec<String>,
    usage: &str,
    name: &str,
    run: fn(&atlas_check::sheet::SheetArgs) -> (String, u8),
) -> ExitCode {
    let args = match parse_sheet_args(args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("atlas-check {name}: {message}\n\n{usage}");
            return ExitCode::from(2);
        }
    };
    if args.flags.help {
        println!("{usage}");
        return ExitCode::SUCCESS;
    }
    let (output, code) = run(&args);
    print!("{output}");
    ExitCode::from(code)
}

fn check(args: Vec<String>) -> ExitCode {
    let args: Args = match parse_args(args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("atlas-check: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.flags.help {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let reports: Vec<_> = args.files.iter().map(|f| check_file(f)).collect();
    let output = match args.flags.json {
        true => render_json(&reports),
        false => render_text(&reports, args.flags.lang),
    };
    print!("{output}");
    ExitCode::from(exit_code(&reports, args.flags.strict))
}
