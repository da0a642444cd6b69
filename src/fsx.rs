//! Filesystem calls that name the path in their error.
//!
//! The site's files are read, and the output written, through these, so
//! a message about them never says "file not found" without saying which
//! file. Calls whose failure is not the writer's to fix use `std::fs`
//! directly and handle it there: the image cache (`images/cache.rs`: an
//! unreadable entry is a miss), the clean-up and roll-back of the output
//! swap (`output/`), and metadata look-ups.

use std::path::Path;

use crate::diag::{Diagnostic, Text};
use crate::text;

fn io_error(action: Text, path: &Path, err: &std::io::Error) -> Diagnostic {
    let p = path.display();
    let (id, en) = (&action.id, &action.en);
    Diagnostic::error(text!("{id} `{p}`: {err}", "{en} `{p}`: {err}")).in_file(path)
}

pub fn read(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(path)
        .map_err(|e| io_error(Text::new("Tidak bisa membaca", "Cannot read"), path, &e))
}

/// Reads a text file. Invalid UTF-8 is reported with the line it is on.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = read(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let full = String::from_utf8_lossy(e.as_bytes()).into_owned();
        Diagnostic::error(Text::new(
            "Berkas ini bukan teks UTF-8 yang sah (ada huruf yang rusak).",
            "This file is not valid UTF-8 text (a character is damaged).",
        ))
        .in_file(path)
        .at_line(&full, line, column)
        .hint(Text::new(
            "Simpan ulang berkas dengan pengodean UTF-8 (di Notepad: Simpan Sebagai → Encoding: UTF-8), lalu periksa huruf di baris ini.",
            "Save the file again as UTF-8 (in Notepad: Save As → Encoding: UTF-8), then check the characters on this line.",
        ))
    })
}

pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, contents)
        .map_err(|e| io_error(Text::new("Tidak bisa menulis", "Cannot write"), path, &e))
}

pub fn create_dir_all(path: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(path).map_err(|e| {
        io_error(
            Text::new("Tidak bisa membuat folder", "Cannot create folder"),
            path,
            &e,
        )
    })
}

pub fn remove_dir_all(path: &Path) -> Result<(), Diagnostic> {
    std::fs::remove_dir_all(path).map_err(|e| {
        io_error(
            Text::new("Tidak bisa menghapus folder", "Cannot remove folder"),
            path,
            &e,
        )
    })
}

pub fn rename(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    std::fs::rename(from, to).map_err(|e| {
        io_error(
            Text::new(
                format!("Tidak bisa memindahkan ke `{}`", to.display()),
                format!("Cannot move to `{}`", to.display()),
            ),
            from,
            &e,
        )
    })
}

pub fn copy(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| io_error(Text::new("Tidak bisa menyalin", "Cannot copy"), from, &e))
}
