use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

// warta allocates many small strings and template values on every thread;
// mimalloc is markedly faster at that than the system allocator (README).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let outcome = warta::cli::Cli::parse().run();
    // Problems first, so a summary on stdout is the last line.
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    ExitCode::from(outcome.code)
}
