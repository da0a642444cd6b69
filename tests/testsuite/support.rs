//! Running the real `warta` binary on a temporary copy of a fixture.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use tempfile::TempDir;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in its own temporary folder.
pub struct Site {
    pub dir: TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout and stderr, with the temporary folder's path replaced by
    /// `[SITE]` and the photo progress lines left out.
    pub fn output(&self, site: &Site) -> String {
        let all = format!("{}{}", self.stdout, without_progress(&self.stderr));
        all.replace(&site.root().display().to_string(), "[SITE]")
    }
}

/// `stderr` without the photo progress lines, which appear only when
/// photos take more than a second, as on a loaded machine
/// (`src/images/progress.rs`): exact comparisons must not depend on it.
pub fn without_progress(stderr: &str) -> String {
    stderr
        .split_inclusive('\n')
        .filter(|l| {
            let l = l.trim_start_matches('\r');
            !(l.starts_with("Mengolah foto: ") || l.starts_with("Processing photos: "))
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

impl Site {
    /// A copy of `tests/fixtures/<name>`, or of `content-example` for that name.
    pub fn fixture(name: &str) -> Site {
        let src = if name == "content-example" {
            repo().join("content-example")
        } else {
            repo().join("tests/fixtures").join(name)
        };
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&src, &dir.path().join("site"));
        Site { dir }
    }

    pub fn empty() -> Site {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("site")).unwrap();
        Site { dir }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Replaces `from` with `to` in a file, which must contain it.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let s = self.read(rel);
        assert!(s.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, s.replacen(from, to, 1));
    }

    /// Runs `warta ARGS --root <site>` with English-neutral surroundings.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_warta"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("LANG", "C")
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Builds into `<site>/public`, asserting success.
    pub fn build_ok(&self) -> Run {
        let r = self.run(&["build"]);
        assert_eq!(r.code, 0, "build failed:\n{}{}", r.stdout, r.stderr);
        r
    }

    /// Every file below `public/`, relative, sorted.
    pub fn output_files(&self) -> Vec<String> {
        let base = self.path("public");
        let mut files: Vec<String> = walkdir::WalkDir::new(&base)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }
}

/// For a `warta serve --port 0` just spawned with its stdout piped: keeps
/// reading its output on a thread (a full pipe would block the server) and
/// waits up to 30 s for the port it prints. Returns the port and the lines,
/// which must be kept for as long as the server runs.
/// A running `warta serve` (stdout piped) and the port it said it
/// listens on; killed when dropped.
pub struct Served {
    child: Child,
    pub port: u16,
    /// Kept so the thread draining the server's output keeps going.
    _lines: Receiver<String>,
}

impl Served {
    /// Waits until `child` says its address (see [`serve_port`]).
    pub fn new(mut child: Child) -> Served {
        let (port, lines) = serve_port(&mut child);
        Served {
            child,
            port,
            _lines: lines,
        }
    }

    /// The server's process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve_port(child: &mut Child) -> (u16, Receiver<String>) {
    let (tx, rx) = channel();
    let out = child.stdout.take().expect("stdout piped");
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut port = 0;
    while port == 0 && Instant::now() < deadline {
        let line = rx.recv_timeout(Duration::from_secs(1)).unwrap_or_default();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            port = rest.split('/').next().unwrap().parse().unwrap();
        }
    }
    assert!(port > 0, "serve did not start");
    (port, rx)
}
