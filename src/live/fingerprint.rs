//! Fingerprints of the watched files: enough to tell a changed file from a touched one, without
//! keeping or reading whole a second copy of a large catalog.

use std::fs;
use std::path::{Path, PathBuf};

/// A file's length and a hash of its bytes: enough to tell a changed file from a touched one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fingerprint {
    len: usize,
    hash: u64,
}

impl Fingerprint {
    pub(super) fn of(text: &str) -> Self {
        let mut reading = Reading::default();
        reading.feed(text.as_bytes());
        reading.print()
    }
}

/// A fingerprint taken a piece at a time, so that a file is never held whole to be fingerprinted:
/// a 63 MB catalog read whole here sat beside the loaded catalog at the dashboard's peak.
#[derive(Default)]
struct Reading {
    len: usize,
    // The hash of the bytes, however they are split into pieces.
    hasher: std::collections::hash_map::DefaultHasher,
    /// Whether something other than whitespace has been seen.
    content: bool,
}

impl Reading {
    fn feed(&mut self, bytes: &[u8]) {
        use std::hash::Hasher;
        self.hasher.write(bytes);
        self.len = self.len.saturating_add(bytes.len());
        if !self.content && !bytes.iter().all(u8::is_ascii_whitespace) {
            // A character cut at the piece's edge reads as a replacement: content, as it is.
            self.content = !String::from_utf8_lossy(bytes).trim().is_empty();
        }
    }

    fn print(&self) -> Fingerprint {
        use std::hash::Hasher;
        Fingerprint {
            len: self.len,
            hash: self.hasher.finish(),
        }
    }
}

/// A file's fingerprint, noting it in `blank` when it is empty or only whitespace; `None` when it
/// cannot be read.
pub(super) fn read_fingerprint(path: &Path, blank: &mut Vec<PathBuf>) -> Option<Fingerprint> {
    use std::io::Read;
    let mut file = fs::File::open(path).ok()?;
    let mut reading = Reading::default();
    let mut piece = vec![0; 64 * 1024];
    loop {
        match file.read(&mut piece) {
            Ok(0) => break,
            Ok(n) => reading.feed(piece.get(..n)?),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    if !reading.content {
        blank.push(path.to_path_buf());
    }
    Some(reading.print())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_read_in_pieces_has_the_fingerprint_of_its_whole_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("large.toml");
        // Over two pieces, with a character of several bytes across the edge of the first.
        let mut text = "a".repeat(64 * 1024 - 1);
        text.push_str("é and more\n");
        text.push_str(&"b = 1\n".repeat(20_000));
        fs::write(&path, &text).unwrap();
        let mut blank = Vec::new();
        assert_eq!(read_fingerprint(&path, &mut blank), Some(Fingerprint::of(&text)));
        assert!(blank.is_empty());
        let mut changed = text.clone();
        changed.replace_range(70_000..70_001, "c");
        assert_ne!(Fingerprint::of(&changed), Fingerprint::of(&text));
    }

    #[test]
    fn empty_and_whitespace_files_are_noted_as_blank() {
        let dir = tempfile::tempdir().unwrap();
        let mut blank = Vec::new();
        for (name, text) in [
            ("empty.toml", ""),
            ("spaces.toml", " \n\t\r\n"),
            ("wide.toml", "\u{a0}\u{2003}\n"),
        ] {
            let path = dir.path().join(name);
            fs::write(&path, text).unwrap();
            assert_eq!(
                read_fingerprint(&path, &mut blank),
                Some(Fingerprint::of(text)),
                "{name}"
            );
        }
        let written = dir.path().join("written.toml");
        fs::write(&written, "   x = 1").unwrap();
        read_fingerprint(&written, &mut blank);
        assert_eq!(blank.len(), 3, "{blank:?}");
        assert!(!blank.contains(&written));
        assert_eq!(read_fingerprint(&dir.path().join("gone.toml"), &mut blank), None);
        assert_eq!(
            read_fingerprint(dir.path(), &mut blank),
            None,
            "a directory cannot be read"
        );
    }
}
