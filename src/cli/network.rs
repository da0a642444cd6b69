//! What `warta build` and `warta check` say at a network root: one line
//! per village, the problems of all of them as one numbered list (files
//! named from the network root), and a summary; exit code 1 when any
//! village failed.

use std::time::Instant;

use super::{CommonArgs, Outcome};
use crate::diag::{Diagnostics, Lang};
use crate::network::budget;
use crate::network::build::{NetworkReport, NetworkRequest, build_network, from_root};
use crate::network::check::{NetworkCheck, NetworkChecked, check_network};

/// Runs the network build of `req` and says what it did.
pub fn build_outcome(req: &NetworkRequest, common: &CommonArgs) -> Outcome {
    let started = Instant::now();
    match build_network(req) {
        Ok(report) => {
            let lang = common.message_lang(Some(report.lang));
            said(&report, req, lang, started.elapsed().as_millis())
        }
        Err((problems, lang)) => {
            let lang = common.message_lang(Some(lang));
            let mut o = Outcome::failed(&problems, lang);
            o.stderr.push_str(match lang {
                Lang::Id => {
                    "Jaringan tidak dibangun; isi folder keluaran yang lama tidak diubah.\n"
                }
                Lang::En => {
                    "The network was not built; the previous output folder was left as it was.\n"
                }
            });
            o
        }
    }
}

/// Runs the network check of `req` and says what it found.
pub fn check_outcome(req: &NetworkCheck, common: &CommonArgs) -> Outcome {
    match check_network(req) {
        Ok(checked) => {
            let lang = common.message_lang(Some(checked.lang));
            checked_said(&checked, lang)
        }
        Err((problems, lang)) => Outcome::failed(&problems, common.message_lang(Some(lang))),
    }
}

fn checked_said(checked: &NetworkChecked, lang: Lang) -> Outcome {
    let mut stdout = String::new();
    let mut ready = 0;
    for v in &checked.villages {
        let rel = &v.village.rel;
        stdout.push_str(&match (&v.outcome, lang) {
            (Ok((pages, _)), Lang::Id) => format!("{rel}: {pages} halaman siap.\n"),
            (Ok((pages, _)), Lang::En) => format!("{rel}: {pages} pages ready.\n"),
            (Err(p), Lang::Id) => format!("{rel}: {} kesalahan.\n", p.errors().count()),
            (Err(p), Lang::En) => format!("{rel}: {} error(s).\n", p.errors().count()),
        });
        ready += v.outcome.as_ref().map_or(0, |(pages, _)| *pages);
    }
    if checked.portal.has_errors() {
        stdout.push_str(match lang {
            Lang::Id => "Portal: ada kesalahan.\n",
            Lang::En => "Portal: has errors.\n",
        });
    }
    let problems = checked.problems();
    let total = checked.villages.len();
    let bad = checked
        .villages
        .iter()
        .filter(|v| v.outcome.is_err())
        .count();
    let (errors, warned) = (problems.errors().count(), problems.warnings().count());
    stdout.push_str(&match (checked.failed(), lang) {
        (false, Lang::Id) => format!(
            "Tidak ada kesalahan: {total} desa dan portalnya, {ready} halaman desa siap dibangun; {warned} peringatan.\n"
        ),
        (false, Lang::En) => format!(
            "No errors: {total} villages and their portal, {ready} village pages ready to build; {warned} warning(s).\n"
        ),
        (true, Lang::Id) => format!(
            "{errors} kesalahan di {bad} dari {total} desa{}; {warned} peringatan.\n",
            if checked.portal.has_errors() { " dan portal" } else { "" }
        ),
        (true, Lang::En) => format!(
            "{errors} error(s) in {bad} of {total} villages{}; {warned} warning(s).\n",
            if checked.portal.has_errors() { " and the portal" } else { "" }
        ),
    });
    Outcome {
        stdout,
        stderr: problems.render_list(lang),
        code: u8::from(checked.failed()),
    }
}

fn said(report: &NetworkReport, req: &NetworkRequest, lang: Lang, ms: u128) -> Outcome {
    let mut stdout = String::new();
    let mut listed = Diagnostics::new();
    for r in &report.villages {
        let rel = &r.village.rel;
        match &r.outcome {
            Ok(b) => {
                let (pages, posts) = (b.pages, b.posts);
                stdout.push_str(&match lang {
                    Lang::Id => format!("{rel}: {pages} halaman ({posts} tulisan).\n"),
                    Lang::En => format!("{rel}: {pages} pages ({posts} posts).\n"),
                });
                // `host` in the village's own warta.toml: its folder alone.
                if let Some((host, usage)) = &b.usage {
                    stdout.push_str(&format!("{rel}: {}", budget::summary(*host, usage, lang)));
                }
                listed.extend(from_root(&req.root, &r.village, b.warnings.clone()));
            }
            Err(problems) => {
                stdout.push_str(&match lang {
                    Lang::Id => format!("{rel}: GAGAL; folder lamanya dipertahankan.\n"),
                    Lang::En => format!("{rel}: FAILED; its previous folder was kept.\n"),
                });
                listed.extend(problems.clone());
            }
        }
    }
    let total = report.villages.len();
    let failed = report.failed().count();
    let out = report.output.display();
    let warned =
        listed.warnings().count() + report.portal.as_ref().map_or(0, |p| p.warnings.items.len());
    stdout.push_str(&match lang {
        Lang::Id => format!(
            "Selesai: {} dari {total} desa ditulis ke {out} dalam {ms} ms; {failed} desa gagal; {warned} peringatan.\n",
            total - failed
        ),
        Lang::En => format!(
            "Done: {} of {total} villages written to {out} in {ms} ms; {failed} village(s) failed; {warned} warning(s).\n",
            total - failed
        ),
    });
    stdout.push_str(&portal_lines(report, req, lang, &mut listed));
    Outcome {
        stdout,
        stderr: listed.render_list(lang),
        code: u8::from(failed > 0),
    }
}

/// What the run says after the villages: the portal, the host budget, and
/// that a partial run builds no portal. The portal's warnings join `listed`.
fn portal_lines(
    report: &NetworkReport,
    req: &NetworkRequest,
    lang: Lang,
    listed: &mut Diagnostics,
) -> String {
    let mut stdout = String::new();
    if let Some(p) = &report.portal {
        let (n, files) = (p.villages, p.files);
        stdout.push_str(&match lang {
            Lang::Id => format!("Portal: {n} desa, {files} berkas.\n"),
            Lang::En => format!("Portal: {n} villages, {files} files.\n"),
        });
        listed.extend(p.warnings.clone());
    }
    if let Some((host, usage)) = &report.usage {
        stdout.push_str(&budget::summary(*host, usage, lang));
    }
    if req.partial() {
        stdout.push_str(match lang {
            Lang::Id => "Portal tidak dibangun pada build sebagian (--only, --shard); bangun dengan `warta portal`.\n",
            Lang::En => "The portal is not built by a partial build (--only, --shard); build it with `warta portal`.\n",
        });
    }
    stdout
}
