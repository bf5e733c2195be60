//! A real ClamAV daemon for tests: Debian's `clamav-daemon`, on a socket of its own, with a
//! signature database the test writes (virus definitions cannot be downloaded here). Under
//! `CI=true` a missing daemon fails the test rather than skipping it.
// Tests run clamd as another program; Peel itself only talks to its socket.
#![allow(clippy::disallowed_methods)]

/// Debian's clamd on a socket of its own, with a signature database the test writes (virus
/// definitions cannot be downloaded here): the EICAR test file's MD5.
pub struct Clamd {
    process: std::process::Child,
    /// The socket to give Peel's `clamd_socket`.
    pub socket: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Clamd {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// The EICAR test file: not malware, but every scanner treats it as such.
pub const EICAR: &[u8] = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

impl Clamd {
    /// Starts clamd; `None` (saying so) where it is not installed, except under `CI=true`.
    pub async fn start() -> Option<Clamd> {
        let clamd = std::path::Path::new("/usr/sbin/clamd");
        if !clamd.exists() {
            peel_skip::skip("clamd is not installed: skipped the malware test");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        std::fs::create_dir_all(&db).unwrap();
        let md5 = {
            // MD5 of EICAR, as ClamAV's hash signatures give it.
            "44d88612fea8a8f36de82e1278abb02f"
        };
        std::fs::write(
            db.join("peel.hdb"),
            format!("{md5}:{}:Peel-Test-EICAR\n", EICAR.len()),
        )
        .unwrap();
        let socket = dir.path().join("clamd.sock");
        let conf = dir.path().join("clamd.conf");
        std::fs::write(
            &conf,
            format!(
                "Foreground yes\nDatabaseDirectory {}\nLocalSocket {}\nLogFile {}\n",
                db.display(),
                socket.display(),
                dir.path().join("clamd.log").display()
            ),
        )
        .unwrap();
        let process = std::process::Command::new(clamd)
            .arg("-c")
            .arg(&conf)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        for _ in 0..300 {
            if socket.exists() {
                return Some(Clamd {
                    process,
                    socket,
                    _dir: dir,
                });
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let mut process = process;
        let _ = process.kill();
        let _ = process.wait();
        panic!("clamd did not open its socket within 30 seconds");
    }
}
