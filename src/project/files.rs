//! Reading files for a project: a size-capped read that names what went wrong, tidy paths, and
//! the `*.toml` files of a catalog directory.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::engine::{Diagnostic, SourceFile};

/// The largest catalog or scenario read: far above any real one (10,000 models is about 2 MB).
const MAX_FILE_BYTES: u64 = 64 << 20;

/// Reads a file as source text, with a clear message for what can go wrong on disk.
pub fn read_source(path: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    let shown = path.display().to_string();
    let meta = fs::metadata(path).map_err(|e| Diagnostic::file_error(&shown, io_problem(path, &e)))?;
    if meta.is_dir() {
        return Err(Diagnostic::file_error(&shown, "is a directory, not a file").with_help("name a .toml file"));
    }
    if !meta.is_file() {
        return Err(
            Diagnostic::file_error(&shown, format!("is {}, not a regular file", special_kind(&meta)))
                .with_help("name a .toml file"),
        );
    }
    // Read one byte past the limit to tell a file at the limit from a larger one; sized from the
    // metadata so a large file is not read into twice its size.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(MAX_FILE_BYTES) + 1).unwrap_or(0));
    fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_FILE_BYTES + 1), &mut bytes))
        .map_err(|e| Diagnostic::file_error(&shown, io_problem(path, &e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(
            Diagnostic::file_error(&shown, format!("is larger than {} MB", MAX_FILE_BYTES >> 20))
                .with_help("catalogs and scenarios are small text files; split a very large catalog in several"),
        );
    }
    SourceFile::from_bytes(shown, bytes)
}

/// What went wrong reaching `path`, in words. A loop of symbolic links and a link to nothing are
/// named as such: both look like "no such file" to a simple existence check.
pub fn io_problem(path: &Path, err: &std::io::Error) -> String {
    // `ErrorKind::FilesystemLoop` is not stable to match on; its name is.
    if format!("{:?}", err.kind()) == "FilesystemLoop" {
        return "is a symbolic link that loops back on itself (too many levels of symbolic links)".to_owned();
    }
    let link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if link && err.kind() == std::io::ErrorKind::NotFound {
        let target = fs::read_link(path).map_or_else(|_| "?".to_owned(), |t| t.display().to_string());
        return format!("is a symbolic link to {target}, which does not exist");
    }
    io_message(err)
}

fn io_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}

/// What a directory entry that is neither a file nor a directory is, for messages.
fn special_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device file";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() { "a directory" } else { "a special file" }
}

/// A path with `.` and `dir/..` taken out, as a person would write it: `scenarios/../catalogs`
/// is `catalogs`. Only the text changes; a `..` that climbs above the start is kept.
pub fn tidy(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut parts: Vec<Component> = Vec::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    if parts.is_empty() {
        PathBuf::from(".")
    } else {
        parts.iter().collect()
    }
}

/// The `*.toml` files of a directory, sorted by name: the regular files (or links to them), and a
/// diagnostic for each other entry named `*.toml` (a directory, a named pipe, a device, a broken
/// or looping link), which is never read.
pub fn toml_entries(dir: &Path) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Diagnostic> {
    let shown = dir.display().to_string();
    let entries = fs::read_dir(dir).map_err(|e| {
        Diagnostic::file_error(
            &shown,
            format!("cannot read the catalog directory: {}", io_problem(dir, &e)),
        )
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        let why = match fs::metadata(&path) {
            Ok(meta) if meta.is_file() => {
                files.push(path);
                continue;
            }
            Ok(meta) => format!("is {}, not a catalog file, and is not read", special_kind(&meta)),
            Err(e) => format!("{}, and is not read", io_problem(&path, &e)),
        };
        skipped.push(
            Diagnostic::file_error(path.display().to_string(), why)
                .with_help("only regular .toml files are catalogs: move it out of the directory, or rename it"),
        );
    }
    Ok((files, skipped))
}

/// The regular `*.toml` files of a directory, sorted by name; see [`toml_entries`].
pub fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    toml_entries(dir).map(|(files, _)| files)
}
