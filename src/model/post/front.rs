//! Checking a post's front matter against the site, key by key, for
//! [`super::prepare`]: each method takes one key (or a few that belong
//! together), returns its resolved value and records what is wrong,
//! pointing at the key's line. Every problem is collected, so a writer
//! sees them all at once.

use std::ops::Range;

use toml::Spanned;
use toml::value::Datetime;

use super::{EventInfo, MAX_SLUG, alias_path};
use crate::diag::{Diagnostic, Text};
use crate::format::{Zone, slugify};
use crate::load::config::Config;
use crate::load::content::{DocKind, Document};
use crate::load::urlpolicy::{self, Verdict};
use crate::load::years;
use crate::model::adinda::{self, Principle};
use crate::model::moment::Moment;
use crate::text;

/// The front matter of one document being checked, and what was found
/// wrong so far.
pub(super) struct Check<'a> {
    doc: &'a Document,
    zone: Zone,
    errs: Vec<Diagnostic>,
}

impl<'a> Check<'a> {
    pub(super) fn new(doc: &'a Document, zone: Zone) -> Self {
        Check {
            doc,
            zone,
            errs: Vec::new(),
        }
    }

    /// Every problem found, or none.
    pub(super) fn finish(self) -> Result<(), Vec<Diagnostic>> {
        if self.errs.is_empty() {
            Ok(())
        } else {
            Err(self.errs)
        }
    }

    /// An error at `span` of the front matter's TOML block (whose spans
    /// are relative to it).
    fn at_key(&mut self, span: Range<usize>, message: Text, hint: Text) {
        let offset = self.doc.toml_offset;
        self.at_source(offset + span.start..offset + span.end, message, hint);
    }

    /// An error at `span` of the whole file.
    fn at_source(&mut self, span: Range<usize>, message: Text, hint: Text) {
        self.errs.push(
            Diagnostic::error(message)
                .in_file(&self.doc.file)
                .at(&self.doc.source, span.start, span.len())
                .hint(hint),
        );
    }

    /// The first `+++`, where a missing key is reported.
    fn fence(&self) -> Range<usize> {
        let fence = self.doc.source.find("+++").unwrap_or(0);
        fence..fence + 3
    }

    pub(super) fn title(&mut self) -> String {
        let doc = self.doc;
        match &doc.front.title {
            Some(t) if !t.get_ref().trim().is_empty() => t.get_ref().trim().to_string(),
            Some(t) => {
                self.at_key(
                    t.span(),
                    Text::new("Judul (`title`) kosong.", "The title (`title`) is empty."),
                    Text::new(
                        "Isi judul di antara tanda kutip.",
                        "Write the title between the quotes.",
                    ),
                );
                String::new()
            }
            None => {
                self.at_source(
                    self.fence(),
                    Text::new(
                        "Judul (`title`) belum ditulis.",
                        "The title (`title`) is missing.",
                    ),
                    Text::new(
                        "Tambahkan baris title = \"Judul Berita\" di antara kedua baris `+++`.",
                        "Add a line title = \"Post title\" between the two `+++` lines.",
                    ),
                );
                String::new()
            }
        }
    }

    /// A date or date and time of the key `key`, in the site's zone.
    fn moment(&mut self, v: Option<&Spanned<Datetime>>, key: &str) -> Option<Moment> {
        let v = v?;
        if let Some(d) = v.get_ref().date.filter(|d| !years::in_range(d.year.into())) {
            let (message, hint) = years::out_of_range(d.year.into(), key);
            self.at_key(v.span(), message, hint);
            return None;
        }
        match Moment::from_toml(v.get_ref(), self.zone.offset()) {
            Ok(m) => Some(m),
            Err(_) => {
                let w = v.get_ref();
                self.at_key(
                    v.span(),
                    text!("`{w}` bukan tanggal yang lengkap.", "`{w}` is not a complete date."),
                    Text::new(
                        "Tulis tanggal seperti 2025-08-26 atau tanggal dan jam seperti 2025-08-26T09:30:00+07:00.",
                        "Write a date like 2025-08-26, or a date and time like 2025-08-26T09:30:00+07:00.",
                    ),
                );
                None
            }
        }
    }

    /// `date`, `updated` and `expires`: each a valid moment, the last two
    /// not before `date`, and `date` present on a post.
    pub(super) fn dates(&mut self) -> (Option<Moment>, Option<Moment>, Option<Moment>) {
        let doc = self.doc;
        let f = &doc.front;
        let date = self.moment(f.date.as_ref(), "date");
        let updated = self.moment(f.updated.as_ref(), "updated");
        let expires = self.moment(f.expires.as_ref(), "expires");
        for (later, key) in [(&f.expires, "expires"), (&f.updated, "updated")] {
            if let Some((span, message, hint)) = before_date(date, later.as_ref(), key) {
                self.at_key(span, message, hint);
            }
        }
        if doc.kind == DocKind::Post && f.date.is_none() {
            let hint_date = doc.name_date.as_deref().unwrap_or("2025-08-26");
            self.at_source(
                self.fence(),
                Text::new("Tanggal terbit (`date`) belum ditulis.", "The publication date (`date`) is missing."),
                text!(
                    "Tambahkan baris date = {hint_date}T09:00:00+07:00 (atau date = {hint_date}) di antara kedua baris `+++`.",
                    "Add a line date = {hint_date}T09:00:00+07:00 (or date = {hint_date}) between the two `+++` lines."
                ),
            );
        }
        (date, updated, expires)
    }

    /// The category, which warta.toml must declare.
    pub(super) fn category(&mut self, config: &Config) -> Option<String> {
        let doc = self.doc;
        let c = doc.front.category.as_ref()?;
        let written = c.get_ref();
        if config.category(written).is_some() {
            return Some(written.clone());
        }
        let keys: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
        let near = crate::load::tomlerr::suggest_key(written, &keys)
            .or_else(|| keys.iter().find(|k| slugify(written) == **k).copied());
        let list = keys.join(", ");
        let hint = match near {
            Some(n) => text!(
                "Mungkin maksudnya `{n}`. Kategori yang ada di warta.toml: {list}.",
                "Perhaps you meant `{n}`. Categories declared in warta.toml: {list}."
            ),
            None => text!(
                "Pilih salah satu kategori di warta.toml: {list}. Kategori baru ditambahkan di bagian [categories] warta.toml.",
                "Pick one of the categories in warta.toml: {list}. New categories are added under [categories] in warta.toml."
            ),
        };
        self.at_key(
            c.span(),
            text!(
                "Kategori `{written}` tidak dikenal.",
                "Unknown category `{written}`."
            ),
            hint,
        );
        None
    }

    /// The ADINDA principles named, in the acronym's order, each once; an
    /// unknown one is an error suggesting the nearest key.
    pub(super) fn adinda(&mut self) -> Vec<Principle> {
        let doc = self.doc;
        let mut found = Vec::new();
        for v in &doc.front.adinda {
            let written = v.get_ref();
            if let Some(p) = adinda::find(written) {
                found.push(p);
                continue;
            }
            let keys = adinda::keys();
            let list = keys.join(", ");
            let near = crate::load::tomlerr::suggest_key(written, &keys)
                .or_else(|| keys.iter().find(|k| slugify(written) == **k).copied());
            let hint = match near {
                Some(n) => text!(
                    "Mungkin maksudnya `{n}`. Enam prinsip ADINDA: {list}.",
                    "Perhaps you meant `{n}`. The six ADINDA principles: {list}."
                ),
                None => text!(
                    "Pilih dari enam prinsip ADINDA: {list}.",
                    "Pick from the six ADINDA principles: {list}."
                ),
            };
            let message = text!(
                "`{written}` bukan salah satu prinsip ADINDA.",
                "`{written}` is not one of the ADINDA principles."
            );
            self.at_key(v.span(), message, hint);
        }
        found.sort_by_key(|p| p.order());
        found.dedup();
        found
    }

    /// The slug written, cleaned, or the one of the file name.
    pub(super) fn slug(&mut self) -> String {
        let doc = self.doc;
        let Some(s) = &doc.front.slug else {
            if self.doc.name_slug.is_empty() {
                self.errs.push(
                    Diagnostic::error(Text::new(
                        "Nama berkas tidak menghasilkan alamat (slug) yang sah.",
                        "The file name does not give a valid address (slug).",
                    ))
                    .in_file(&self.doc.file)
                    .hint(Text::new(
                        "Ganti nama berkas dengan huruf dan angka, misalnya 2025-08-26-posyandu-krajan.md, atau tambahkan slug = \"...\".",
                        "Rename the file with letters and digits, e.g. 2025-08-26-posyandu-krajan.md, or add slug = \"...\".",
                    )),
                );
            }
            return self.doc.name_slug.clone();
        };
        let clean = slugify(s.get_ref());
        if clean.is_empty() {
            self.at_key(
                s.span(),
                Text::new(
                    "`slug` kosong setelah dibersihkan.",
                    "`slug` is empty once cleaned.",
                ),
                Text::new(
                    "Pakai huruf dan angka, misalnya slug = \"posyandu-krajan\".",
                    "Use letters and digits, e.g. slug = \"posyandu-krajan\".",
                ),
            );
        }
        clean
    }

    /// `[event]`: its start, and an end (if any) not before it.
    pub(super) fn event(&mut self) -> Option<EventInfo> {
        let doc = self.doc;
        let e = doc.front.event.as_ref()?;
        let start = self.moment(Some(&e.start), "event.start")?;
        let mut end = self.moment(e.end.as_ref(), "event.end");
        // An event that ends before it starts cannot go into a calendar.
        if let (Some(x), Some(written)) = (end, &e.end)
            && x.until() < start.at
        {
            self.at_key(
                written.span(),
                Text::new(
                    "Acara selesai (`end`) sebelum dimulai (`start`).",
                    "The event ends (`end`) before it starts (`start`).",
                ),
                Text::new(
                    "Periksa tanggal dan jam `end` di bagian [event]: harus sama dengan atau sesudah `start`.",
                    "Check the date and time of `end` under [event]: it must be the same as or after `start`.",
                ),
            );
            end = None;
        }
        Some(EventInfo {
            start,
            end,
            venue: e.venue.clone(),
            organizer: e.organizer.clone(),
        })
    }

    /// What only has to be valid: the links (`image`, `source.url`), the
    /// template's name, and slugs short enough for a folder name.
    pub(super) fn links_and_names(&mut self) {
        let doc = self.doc;
        let f = &doc.front;
        let urls = [("image", f.image.as_ref())]
            .into_iter()
            .chain([("source.url", f.source.as_ref().and_then(|s| s.url.as_ref()))]);
        for (key, url) in urls {
            let Some(url) = url else { continue };
            if let Verdict::Refused(scheme) = urlpolicy::verdict(url.get_ref()) {
                let (message, hint) = urlpolicy::refused_value(url.get_ref(), &scheme, key);
                self.at_key(url.span(), message, hint);
            }
        }
        if let Some(t) = &f.template {
            self.template(t);
        }
        // Slugs become folder names, which file systems cap at 255 bytes.
        let long_slugs = f
            .slug
            .iter()
            .map(|s| ("slug", s))
            .chain(f.tags.iter().map(|t| ("tags", t)));
        for (key, value) in long_slugs {
            let len = slugify(value.get_ref()).len();
            if len > MAX_SLUG {
                self.at_key(
                    value.span(),
                    text!(
                        "`{key}` terlalu panjang untuk alamat halaman ({len} huruf; paling banyak {MAX_SLUG}).",
                        "`{key}` is too long for a page address ({len} characters; at most {MAX_SLUG})."
                    ),
                    Text::new(
                        "Pakai beberapa kata saja, misalnya \"posyandu-krajan\".",
                        "Use a few words only, e.g. \"posyandu-krajan\".",
                    ),
                );
            }
        }
    }

    /// A template name: inside `templates/`, not empty.
    fn template(&mut self, t: &Spanned<String>) {
        let name = t.get_ref();
        let bad = name.trim().is_empty()
            || name.starts_with('/')
            || name.split(['/', '\\']).any(|seg| seg == "..");
        if bad {
            self.at_key(
                t.span(),
                text!("Templat `{name}` tidak sah.", "The template `{name}` is not valid."),
                Text::new(
                    "Tulis nama templat di folder templates/, misalnya template = \"halaman-lebar.html\", atau hapus baris `template`.",
                    "Write the name of a template in templates/, e.g. template = \"wide-page.html\", or remove the `template` line.",
                ),
            );
        }
    }

    /// Old addresses, as paths below the site root.
    pub(super) fn aliases(&mut self, root_path: &str) -> Vec<String> {
        let mut aliases = Vec::new();
        let doc = self.doc;
        for a in &doc.front.aliases {
            let raw = a.get_ref();
            match alias_path(raw, root_path) {
                Some(p) => aliases.push(p),
                None => self.at_key(
                    a.span(),
                    text!("Alamat lama `{raw}` tidak sah.", "The old address `{raw}` is not valid."),
                    Text::new(
                        "Tulis alamat di situs ini yang diawali garis miring, misalnya aliases = [\"/berita/judul-lama/\"].",
                        "Write an address on this site starting with a slash, e.g. aliases = [\"/berita/old-title/\"].",
                    ),
                ),
            }
        }
        aliases
    }
}

/// `expires` or `updated` earlier than `date` cannot be true: the span of
/// the later key with a message and a hint, or None when it is in order.
fn before_date(
    date: Option<Moment>,
    later: Option<&Spanned<Datetime>>,
    key: &str,
) -> Option<(Range<usize>, Text, Text)> {
    let (date, written) = (date?, later?);
    let moment = Moment::from_toml(written.get_ref(), *date.at.offset()).ok()?;
    if moment.until() >= date.at {
        return None;
    }
    let (w, d) = (written.get_ref(), date.at.date_naive());
    let (what_id, what_en, hint_id, hint_en) = if key == "expires" {
        (
            "Pengumuman berakhir",
            "The announcement expires",
            "Tulis tanggal berakhirnya sesudah `date`, atau hapus baris `expires` bila pengumuman tidak berakhir.",
            "Write an expiry after `date`, or remove the `expires` line if the announcement does not end.",
        )
    } else {
        (
            "Tulisan diperbarui",
            "The post is updated",
            "Tulis tanggal pembaruan sesudah `date`, atau hapus baris `updated`.",
            "Write the update's date after `date`, or remove the `updated` line.",
        )
    };
    Some((
        written.span(),
        text!(
            "{what_id} (`{key}` = {w}) sebelum tanggal terbitnya (`date`, {d}).",
            "{what_en} (`{key}` = {w}) before it is published (`date`, {d})."
        ),
        Text::new(hint_id, hint_en),
    ))
}
