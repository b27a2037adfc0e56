//! The pricing engine: catalogs, scenarios and the evaluation of a bill.
//!
//! Pure: it is handed text and returns values or located diagnostics. It knows nothing of
//! terminals, files on disk or watching; the CLI, dashboard, watcher and exporters are its clients.

pub mod analysis;
pub mod asof;
pub mod bill;
pub mod capability;
pub mod catalog;
pub mod expr;
pub mod frames;
pub mod money;
pub mod number;
pub mod params;
pub mod pricing;
pub mod ratio;
pub mod scenario;
pub mod source;
pub mod stale;
pub mod suggest;
pub mod warning;
pub mod whatif;

pub use bill::{Bill, Line, SaleTotals, Totals, evaluate};
pub use catalog::{Catalog, Catalogs, Kind, Model, Unit, load_catalog, load_catalogs, load_catalogs_needed};
pub use params::{NAMES as PARAMETER_NAMES, ParamError, ParamInfo, Params, Value, describe};
pub use scenario::{Quantity, Scenario, Stage, Step, load_scenario};
pub use source::{Diagnostic, Diagnostics, Origin, Severity, SourceFile};
pub use warning::{Warning, WarningKind};
