//! Files are never left half-written: written beside their final name, synced, then
//! renamed into place.
use std::io::Write;
use std::path::{Path, PathBuf};

/// The temporary name a file is written under before it is renamed to `path`.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "export".into());
    path.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

/// Runs `write` on a temporary file next to `path` and renames it into place when it
/// succeeds; on failure the temporary file is removed and `path` is untouched.
pub fn write_with<E>(
    path: &Path,
    write: impl FnOnce(&Path) -> Result<(), E>,
    io_error: impl Fn(std::io::Error) -> E,
) -> Result<(), E> {
    let temp = temp_path(path);
    match write(&temp) {
        Ok(()) => std::fs::rename(&temp, path).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            io_error(e)
        }),
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Writes `bytes` to `path` all at once.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(
        path,
        |temp| {
            let mut file = std::fs::File::create(temp)?;
            file.write_all(bytes)?;
            file.sync_all()
        },
        |e| e,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        let result: Result<(), std::io::Error> = write_with(
            &path,
            |temp| {
                std::fs::write(temp, "half")?;
                Err(std::io::Error::other("disk full"))
            },
            |e| e,
        );
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_bytes(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }
}
