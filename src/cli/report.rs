//! `warta report`: the KIM's monthly report as a file (HTML, and PDF
//! through Chromium), or a year's contest pack as a ZIP
//! ([`crate::report`]).

use std::path::PathBuf;

use clap::{ArgGroup, Args};

use crate::cli::{CommonArgs, Outcome};
use crate::diag::{Diagnostic, Lang};
use crate::report::{Period, ReportRequest, parse_month, run};

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("period").required(true).args(["month", "year"])))]
pub struct ReportArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Laporan satu bulan, misalnya 2026-11 / One month's report, such as 2026-11
    #[arg(long, value_name = "TAHUN-BULAN")]
    pub month: Option<String>,
    /// Paket lomba satu tahun (dengan --zip) / A year's contest pack (with --zip)
    #[arg(long, value_name = "TAHUN", requires = "zip")]
    pub year: Option<i32>,
    /// Tulis paket lomba sebagai ZIP / Write the contest pack as a ZIP
    #[arg(long, requires = "year")]
    pub zip: bool,
    /// Cetak juga ke PDF lewat Chromium / Also print to PDF through Chromium
    #[arg(long, requires = "month")]
    pub pdf: bool,
    /// Folder keluaran / Output folder [default: ROOT/laporan]
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

impl ReportArgs {
    /// What was asked for; a month that is not one fails here, before
    /// the site is read, in both languages (no site language is known yet).
    fn period(&self) -> Result<Period, Outcome> {
        match (&self.month, self.year) {
            (Some(month), _) => match parse_month(month) {
                Ok((y, m)) => Ok(Period::Month(y, m)),
                Err(text) => {
                    let d = Diagnostic::error(text);
                    let stderr = format!("{}{}", d.render(Lang::Id), d.render(Lang::En));
                    Err(Outcome {
                        stdout: String::new(),
                        stderr,
                        code: 1,
                    })
                }
            },
            (None, Some(year)) => Ok(Period::Year(year)),
            // clap's group requires one of them.
            (None, None) => unreachable!("--month or --year is required"),
        }
    }

    pub fn run(self) -> Outcome {
        let period = match self.period() {
            Ok(p) => p,
            Err(outcome) => return outcome,
        };
        let req = ReportRequest {
            root: self.common.root.clone(),
            output: self.output.clone(),
            period,
            pdf: self.pdf,
        };
        match run(&req) {
            Ok(written) => {
                let lang = self.common.message_lang(Some(written.lang));
                let mut stdout = String::new();
                for file in &written.files {
                    stdout.push_str(&match lang {
                        Lang::Id => format!("Ditulis: {}\n", file.display()),
                        Lang::En => format!("Written: {}\n", file.display()),
                    });
                }
                let notes: String = written
                    .notes
                    .iter()
                    .map(|n| format!("{}\n", n.get(lang)))
                    .collect();
                Outcome {
                    stdout,
                    stderr: notes,
                    code: 0,
                }
            }
            Err(f) => Outcome::failed(&f.problems, self.common.message_lang(f.lang)),
        }
    }
}
