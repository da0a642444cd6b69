//! Finding the villages of a network: the globs of `network.toml`
//! expanded below the root, each match checked to be a village site whose
//! folder name can be its address below the portal (`public/<folder>/`)
//! and whose area code lies in the network's. Every problem names the
//! line it comes from: the glob in `network.toml`, or `area_code` in the
//! village's `profile.toml`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use super::config::{NETWORK_FILE, Network, within};
use super::glob::{escapes, expand};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::config::CONFIG_FILE;
use crate::{fsx, text};

/// Top-level addresses of the portal: a village folder may not take one.
pub const PORTAL_ADDRESSES: &[&str] = &[
    "agenda",
    "berita",
    "cari",
    "desa",
    "kategori",
    "kecamatan",
    "media",
    "pengumuman",
    "peta",
    "produk",
    "statistik",
    "static",
];

/// One village of the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Village {
    /// The folder's name, also its address below the portal: `sukamaju`.
    pub folder: String,
    /// The folder relative to the network root, with `/`: `desa/sukamaju`.
    pub rel: String,
    pub dir: PathBuf,
    /// The dotted Kemendagri code of its `profile.toml`, when readable
    /// (a village whose profile is broken is reported by its own build).
    pub area_code: Option<String>,
}

/// Every village the globs name, sorted by folder, or every problem.
pub fn discover(net: &Network) -> Result<Vec<Village>, Diagnostics> {
    let mut problems = Diagnostics::new();
    let mut by_folder: HashMap<String, String> = HashMap::new();
    let mut villages = Vec::new();
    for pattern in &net.villages {
        if let Some(msg) = escapes(&pattern.text) {
            problems.push(net.error_at(pattern.span.clone(), msg).hint(text!(
                "Tulis pola relatif terhadap folder jaringan, misalnya \"desa/*\".",
                "Write globs relative to the network folder, e.g. \"desa/*\"."
            )));
            continue;
        }
        for rel in expand(&net.root, &pattern.text) {
            let at = || pattern.span.clone();
            match check_folder(net, &rel, &mut by_folder) {
                Ok(Some(v)) => villages.push(v),
                Ok(None) => {}
                Err(msg) => problems.push(net.error_at(at(), msg.0).hint(msg.1)),
            }
        }
    }
    if villages.is_empty() && !problems.has_errors() {
        let list = net
            .villages
            .iter()
            .map(|p| format!("\"{}\"", p.text))
            .collect::<Vec<_>>()
            .join(", ");
        problems.push(
            net.error_at(
                net.villages_span.clone(),
                text!(
                    "Tidak ada folder desa yang cocok dengan pola {list}.",
                    "No village folder matches the globs {list}."
                ),
            )
            .hint(text!(
                "Setiap desa adalah folder situs warta (berisi warta.toml), misalnya desa/sukamaju/; `*` cocok dengan satu nama folder.",
                "Each village is a warta site folder (holding warta.toml), e.g. desa/sukamaju/; `*` matches one folder name."
            )),
        );
    }
    check_area_codes(net, &villages, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    villages.sort_by(|a, b| a.folder.cmp(&b.folder));
    Ok(villages)
}

type Problem = (crate::diag::Text, crate::diag::Text);

/// The village at `rel`, `None` when another glob named it already.
fn check_folder(
    net: &Network,
    rel: &str,
    by_folder: &mut HashMap<String, String>,
) -> Result<Option<Village>, Problem> {
    let dir = net.root.join(rel);
    let inside = fsx::canonicalize(&dir)
        .ok()
        .zip(fsx::canonicalize(&net.root).ok())
        .is_some_and(|(d, r)| d.starts_with(r));
    if !inside {
        return Err((
            text!(
                "Folder desa `{rel}/` menunjuk ke luar folder jaringan (tautan simbolik).",
                "The village folder `{rel}/` points outside the network folder (a symbolic link)."
            ),
            text!(
                "Salin desa itu ke dalam folder jaringan.",
                "Copy that village into the network folder."
            ),
        ));
    }
    let folder = rel.rsplit('/').next().unwrap_or(rel).to_string();
    if let Some(first) = by_folder.get(&folder) {
        if first == rel {
            return Ok(None);
        }
        return Err((
            text!(
                "Dua desa bernama folder sama `{folder}`: `{first}/` dan `{rel}/`; keduanya akan terbit di /{folder}/.",
                "Two villages with the same folder name `{folder}`: `{first}/` and `{rel}/`; both would publish at /{folder}/."
            ),
            text!(
                "Ganti nama salah satu folder.",
                "Rename one of the folders."
            ),
        ));
    }
    check_name(net, rel, &folder)?;
    if !fsx::exists(&dir.join(CONFIG_FILE)) {
        return Err((
            text!(
                "Folder `{rel}/` cocok dengan pola desa, tetapi tidak berisi warta.toml.",
                "The folder `{rel}/` matches a village glob but holds no warta.toml."
            ),
            text!(
                "Buat situs desa di sana dengan `warta init {rel}`, atau persempit pola di network.toml.",
                "Create a village site there with `warta init {rel}`, or narrow the glob in network.toml."
            ),
        ));
    }
    by_folder.insert(folder.clone(), rel.to_string());
    let area_code = read_area_code(&dir).map(|(code, _, _)| code);
    Ok(Some(Village {
        folder,
        rel: rel.to_string(),
        dir,
        area_code,
    }))
}

/// A folder name is an address: lower-case letters, digits, `-` and `_`,
/// and not one the portal takes.
fn check_name(net: &Network, rel: &str, folder: &str) -> Result<(), Problem> {
    let valid = folder
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !valid {
        return Err((
            text!(
                "Nama folder desa `{rel}/` tidak bisa menjadi alamat: pakai huruf kecil, angka, `-` atau `_`.",
                "The village folder name `{rel}/` cannot be an address: use lower-case letters, digits, `-` or `_`."
            ),
            text!(
                "Ganti nama folder, misalnya desa/sukamaju.",
                "Rename the folder, e.g. desa/sukamaju."
            ),
        ));
    }
    let portal = net.root.join("portal");
    let taken_by_portal = PORTAL_ADDRESSES.contains(&folder)
        || ["content", "static"]
            .iter()
            .any(|sub| fsx::exists(&portal.join(sub).join(folder)))
        || fsx::exists(&portal.join("content").join(format!("{folder}.md")));
    if taken_by_portal {
        let list = PORTAL_ADDRESSES.join(", ");
        return Err((
            text!(
                "Folder desa `{rel}/` akan terbit di /{folder}/, alamat yang dipakai portal.",
                "The village folder `{rel}/` would publish at /{folder}/, an address the portal uses."
            ),
            text!(
                "Ganti nama folder desa itu. Alamat portal: {list}.",
                "Rename that village folder. The portal's addresses: {list}."
            ),
        ));
    }
    Ok(())
}

/// Every village inside the network's region, and no two with one code.
fn check_area_codes(net: &Network, villages: &[Village], problems: &mut Diagnostics) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for v in villages {
        let Some((code, span, source)) = read_area_code(&v.dir) else {
            continue;
        };
        let file = format!("{}/profile.toml", v.rel);
        let at = |d: Diagnostic| d.in_file(&file).at(&source, span.start, span.len());
        let (region, rel) = (&net.area_code, &v.rel);
        if !within(&code, region) {
            problems.push(at(Diagnostic::error(text!(
                "Kode wilayah `{code}` desa `{rel}` berada di luar wilayah jaringan `{region}`.",
                "The area code `{code}` of village `{rel}` lies outside the network's region `{region}`."
            )))
            .hint(text!(
                "Periksa `area_code` desa ini, atau `area_code` di {NETWORK_FILE}.",
                "Check this village's `area_code`, or `area_code` in {NETWORK_FILE}."
            )));
        } else if let Some(first) = seen.get(&code) {
            problems.push(
                at(Diagnostic::error(text!(
                    "Kode wilayah `{code}` sudah dipakai desa `{first}`.",
                    "The area code `{code}` is already used by village `{first}`."
                )))
                .hint(text!(
                    "Setiap desa punya kode Kemendagri sendiri; periksa kode kedua desa.",
                    "Each village has its own Kemendagri code; check both villages' codes."
                )),
            );
        } else {
            seen.insert(code, &v.rel);
        }
    }
}

/// `village.area_code` of `<dir>/profile.toml`, dotted, with its span
/// and the file's text; `None` when any of it cannot be read (the
/// village's own build reports why).
fn read_area_code(dir: &Path) -> Option<(String, std::ops::Range<usize>, String)> {
    let source = fsx::read_site_text(dir, &dir.join("profile.toml")).ok()?;
    let doc = DeTable::parse(&source).ok()?;
    let DeValue::Table(village) = doc.get_ref().get("village")?.get_ref() else {
        return None;
    };
    let value = village.get("area_code")?;
    let DeValue::String(code) = value.get_ref() else {
        return None;
    };
    let code = code.trim();
    let dotted = if code.len() == 10 && code.bytes().all(|b| b.is_ascii_digit()) {
        format!(
            "{}.{}.{}.{}",
            &code[..2],
            &code[2..4],
            &code[4..6],
            &code[6..]
        )
    } else {
        code.to_string()
    };
    Some((dotted, value.span(), source))
}
