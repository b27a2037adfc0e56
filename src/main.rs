use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Readable reports for the unexpected; the dashboard restores the terminal before they print.
    let _ = color_eyre::install();
    reelcost::cli::run(reelcost::cli::Cli::parse())
}

// jemalloc with its background thread hands freed pages back to the system within seconds. With
// the system allocator, the pages of a large catalog stay with the process after the catalog is
// dropped (a 63 MB catalog removed while the dashboard runs left 390 MB resident).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
