//! Putting a file's new text on disk without losing what the file was: a temporary file in the
//! same directory, synced, then renamed over the target (`tempfile`'s persist), keeping the
//! target's owner, group and permissions (never setuid or setgid). A symlink is written through
//! to its target. A read-only file is refused, and a file with other names (hard links) is
//! written only as the caller chose.

use std::fs::{self, File, Metadata, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// What to do with a file that has other names (hard links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Refuse, saying how many names it has, so the user can choose.
    Ask,
    /// Write the new text into the file itself: every name shows it, and the link is kept. Not
    /// atomic: a crash mid-write can leave the file cut short.
    WriteThrough,
    /// Put a new file in place of this name only: the other names keep the old text.
    ReplaceName,
}

/// Why a file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file is read-only; its permissions as `ls` shows them, e.g. `r--r--r--`.
    ReadOnly(String),
    /// The file has this many names, and the caller asked to be told.
    HardLinked(u64),
    /// The system refused.
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(error: io::Error) -> Self {
        Self::Io(error)
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::ReadOnly(mode) => write!(f, "the file is read-only ({mode})"),
            Self::HardLinked(names) => write!(f, "the file has {names} names (hard links)"),
            Self::Io(error) => error.fmt(f),
        }
    }
}

/// Where a write really lands: through a symlink to its target.
fn resolve(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Permissions as `ls -l` writes them, without the file type: `rw-r--r--`.
fn mode_text(mode: u32) -> String {
    let bits = ['r', 'w', 'x'];
    (0..9)
        .map(|i| {
            let set = mode & (0o400 >> i) != 0;
            if set { bits[i % 3] } else { '-' }
        })
        .collect()
}

/// Whether this user may write to the file: it has a write bit, and opening it for writing
/// (without changing it) is allowed.
fn writable(path: &Path, meta: &Metadata) -> bool {
    if meta.permissions().readonly() {
        return false;
    }
    match OpenOptions::new().write(true).open(path) {
        Ok(_) => true,
        Err(e) => e.kind() != io::ErrorKind::PermissionDenied,
    }
}

/// Writes `text` to `path` so that either the old or the new text is on disk, never a mix, or
/// says why it did not.
pub fn write_file(path: &Path, text: &str, links: Links) -> Result<(), WriteError> {
    let target = resolve(path);
    let existing = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    if let Some(meta) = &existing {
        if meta.is_file() && !writable(&target, meta) {
            return Err(WriteError::ReadOnly(mode_text(meta.mode())));
        }
        if meta.is_file() && meta.nlink() > 1 {
            match links {
                Links::Ask => return Err(WriteError::HardLinked(meta.nlink())),
                Links::WriteThrough => return write_in_place(&target, text),
                Links::ReplaceName => {}
            }
        }
    }
    replace(&target, text, existing.as_ref())
}

/// Writes a new file, or atomically replaces one as [`write_file`] does, splitting a hard link.
pub fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    write_file(path, text, Links::ReplaceName).map_err(|e| match e {
        WriteError::Io(e) => e,
        other => io::Error::new(io::ErrorKind::PermissionDenied, other.to_string()),
    })
}

/// Writes into the file itself, keeping every name it has, and syncs it.
fn write_in_place(target: &Path, text: &str) -> Result<(), WriteError> {
    let mut file = OpenOptions::new().write(true).truncate(true).open(target)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(())
}

/// A temporary file beside the target, made like it, renamed over it, and the directory synced.
fn replace(target: &Path, text: &str, existing: Option<&Metadata>) -> Result<(), WriteError> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map_or_else(|| "scenario".into(), |n| n.to_string_lossy().into_owned());
    // A new file gets the usual 0666 less the umask, as an editor would make it.
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .permissions(Permissions::from_mode(0o666))
        .tempfile_in(dir)?;
    temp.write_all(text.as_bytes())?;
    if let Some(meta) = existing {
        keep_owner(temp.as_file(), meta);
        // After the owner: a change of owner clears the mode's special bits on some systems,
        // and setuid or setgid must not pass to a file whoever saved it now owns.
        temp.as_file()
            .set_permissions(Permissions::from_mode(meta.mode() & 0o777))?;
    }
    temp.as_file().sync_all()?;
    // On failure the temporary file is dropped, and removed, and the target is as it was.
    temp.persist(target).map_err(|e| e.error)?;
    File::open(dir)?.sync_all()?;
    Ok(())
}

/// Gives the new file the old one's owner and group where the system allows it: both as root,
/// the group alone for a member of it, neither otherwise.
fn keep_owner(file: &File, meta: &Metadata) {
    let Ok(now) = file.metadata() else { return };
    if (now.uid(), now.gid()) == (meta.uid(), meta.gid()) {
        return;
    }
    if std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).is_err() {
        let _ = std::os::unix::fs::fchown(file, None, Some(meta.gid()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(mode: u32) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("scenario.toml");
        fs::write(&path, "old").expect("write");
        fs::set_permissions(&path, Permissions::from_mode(mode)).expect("chmod");
        (dir, path)
    }

    #[test]
    fn setuid_and_setgid_are_not_carried_onto_the_new_file() {
        let (_dir, path) = scratch(0o6755);
        write_file(&path, "new", Links::Ask).expect("saved");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
        assert_eq!(fs::metadata(&path).expect("meta").mode() & 0o7777, 0o755);
    }

    /// As root the owner and group are kept; as anyone else the system allows neither change,
    /// and the save still goes through with the file now theirs.
    #[test]
    fn the_owner_and_group_are_kept_where_the_system_allows() {
        let (_dir, path) = scratch(0o644);
        let other = std::os::unix::fs::chown(&path, Some(4242), Some(4243));
        write_file(&path, "new", Links::Ask).expect("saved");
        let meta = fs::metadata(&path).expect("meta");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
        if other.is_ok() {
            assert_eq!((meta.uid(), meta.gid()), (4242, 4243));
        }
        assert_eq!(meta.mode() & 0o777, 0o644);
    }

    #[test]
    fn a_file_without_write_permission_is_refused() {
        let (_dir, path) = scratch(0o444);
        match write_file(&path, "new", Links::ReplaceName) {
            Err(WriteError::ReadOnly(mode)) => assert_eq!(mode, "r--r--r--"),
            other => panic!("{other:?}"),
        }
        assert_eq!(fs::read_to_string(&path).expect("read"), "old");
    }

    #[test]
    fn a_new_file_is_made_readable_as_an_editor_would_make_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("new.toml");
        write_atomic(&path, "new").expect("saved");
        // tempfile makes its files 0600; a saved scenario is as private as the umask makes any
        // new file, as one made by `fs::write` shows.
        let reference = dir.path().join("reference");
        fs::write(&reference, "").expect("write");
        let mode = |p: &Path| fs::metadata(p).expect("meta").mode() & 0o777;
        assert_eq!(mode(&path), mode(&reference));
    }
}
