use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Readable reports for the unexpected; the dashboard restores the terminal before they print.
    let _ = color_eyre::install();
    reelcost::cli::run(reelcost::cli::Cli::parse())
}
