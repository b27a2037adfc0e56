use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    reelcost::cli::run(reelcost::cli::Cli::parse())
}
