//! Where a fair file lives, checked before SQLite touches it: a network file system is
//! refused (SQLite's locking is not reliable over NFS or SMB, so two desks could both
//! write and corrupt the file), and a file nobody may write is opened read-only.
use std::path::Path;

/// A network file system fairdesk refuses to keep a fair on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkFs {
    Nfs,
    Smb,
    Other(&'static str),
}

impl NetworkFs {
    pub fn name(self) -> &'static str {
        match self {
            NetworkFs::Nfs => "NFS",
            NetworkFs::Smb => "SMB/CIFS",
            NetworkFs::Other(name) => name,
        }
    }
}

/// Linux `statfs` magic numbers of network file systems (from `linux/magic.h` and the
/// file systems' own sources).
const NETWORK_MAGICS: &[(i64, NetworkFs)] = &[
    (0x6969, NetworkFs::Nfs),
    (0x517B, NetworkFs::Smb),
    (0xFF53_4D42, NetworkFs::Smb),         // CIFS
    (0xFE53_4D42, NetworkFs::Smb),         // SMB2
    (0x0102_1997, NetworkFs::Other("9P")), // v9fs
    (0x6B41_4653, NetworkFs::Other("AFS")),
    (0x5346_414F, NetworkFs::Other("AFS")),
    (0x0000_564C, NetworkFs::Other("NCP")),
    (0x0BD0_0BD0, NetworkFs::Other("Lustre")),
    (0x00C3_6400, NetworkFs::Other("CephFS")),
];

/// The network file system a Linux `statfs` type number stands for, if any.
pub fn classify_linux_magic(magic: i64) -> Option<NetworkFs> {
    NETWORK_MAGICS
        .iter()
        .find(|(m, _)| *m == magic)
        .map(|(_, fs)| *fs)
}

/// The network file system a BSD/macOS `f_fstypename` stands for, if any.
pub fn classify_type_name(name: &str) -> Option<NetworkFs> {
    match name.to_ascii_lowercase().as_str() {
        "nfs" | "nfs4" => Some(NetworkFs::Nfs),
        "smbfs" | "cifs" | "smb2" => Some(NetworkFs::Smb),
        "afpfs" => Some(NetworkFs::Other("AFP")),
        "webdav" => Some(NetworkFs::Other("WebDAV")),
        _ => None,
    }
}

/// The folder whose file system decides: the file's own when it exists, else its folder.
fn probe_path(path: &Path) -> &Path {
    if path.exists() {
        return path;
    }
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The network file system `path` is on, if any. Unknown platforms and failed probes
/// answer `None`: the check protects, it never stops a local file from opening.
#[cfg(target_os = "linux")]
pub fn network_fs(path: &Path) -> Option<NetworkFs> {
    let stat = rustix::fs::statfs(probe_path(path)).ok()?;
    #[allow(clippy::unnecessary_cast)] // f_type's width differs between architectures
    classify_linux_magic(stat.f_type as i64)
}

#[cfg(target_os = "macos")]
pub fn network_fs(path: &Path) -> Option<NetworkFs> {
    let stat = rustix::fs::statfs(probe_path(path)).ok()?;
    let name: String = stat
        .f_fstypename
        .iter()
        .take_while(|c| **c != 0)
        .map(|c| *c as u8 as char)
        .collect();
    classify_type_name(&name)
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
pub fn network_fs(path: &Path) -> Option<NetworkFs> {
    let _ = probe_path(path);
    None
}

/// Whether an existing file must be opened read-only: its permissions allow no writing
/// (checked by mode bits, so it holds even for an administrator), or opening it for
/// writing is refused (a read-only mount, another user's file).
pub fn is_read_only(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if meta.permissions().readonly() {
        return true;
    }
    match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(_) => false,
        Err(e) => matches!(
            e.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfs_and_smb_are_recognised_and_local_ones_are_not() {
        assert_eq!(classify_linux_magic(0x6969), Some(NetworkFs::Nfs));
        assert_eq!(classify_linux_magic(0xFF53_4D42), Some(NetworkFs::Smb));
        assert_eq!(classify_linux_magic(0xFE53_4D42), Some(NetworkFs::Smb));
        assert_eq!(classify_linux_magic(0xEF53), None, "ext4");
        assert_eq!(classify_linux_magic(0x0102_1994), None, "tmpfs");
        assert_eq!(
            classify_linux_magic(0x0102_1997),
            Some(NetworkFs::Other("9P"))
        );
        assert_eq!(classify_type_name("smbfs"), Some(NetworkFs::Smb));
        assert_eq!(classify_type_name("NFS"), Some(NetworkFs::Nfs));
        assert_eq!(classify_type_name("apfs"), None);
    }

    #[test]
    fn the_refusal_explains_why_and_what_to_do_instead() {
        let e = crate::store::StoreError::NetworkFs {
            path: "/mnt/share/fair.db".into(),
            fs: NetworkFs::Smb.name(),
        };
        let zh = e.message(crate::domain::lang::Lang::Zh);
        assert!(
            zh.contains("网络文件系统（SMB/CIFS）")
                && zh.contains("SSH")
                && zh.contains("fairdesk merge")
        );
        let en = e.message(crate::domain::lang::Lang::En);
        assert!(en.contains("network file system (SMB/CIFS)") && en.contains("local disk"));
        assert!(e.is_bad_input());
    }

    #[test]
    fn the_local_temp_folder_is_not_a_network_file_system() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(network_fs(&dir.path().join("missing.db")), None);
    }

    #[test]
    fn a_file_without_write_permission_is_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.db");
        std::fs::write(&file, b"x").unwrap();
        assert!(!is_read_only(&file));
        let mut perms = std::fs::metadata(&file).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&file, perms).unwrap();
        assert!(is_read_only(&file));
        assert!(!is_read_only(&dir.path().join("missing.db")));
    }
}
