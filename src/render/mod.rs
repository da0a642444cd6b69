//! Stage 3: render. Model pages into HTML through Tera.
//!
//! Tera 2 was chosen over 1.20: its runtime errors name the template file,
//! line and column with a caret (Zola's users miss that in 1.x, its issue
//! #1536), its fallback prefixes give site > theme > built-in lookup
//! without copying templates, and its global context holds the site-wide
//! data once instead of once per page. Render speed on the 10,000-post
//! corpus is recorded in bench/README.md.
//!
//! Every page is a [`Job`]; jobs render in parallel (rayon), each into its
//! own small context built from references into the shared model.

pub mod aliases;
pub mod catalog;
pub mod charts;
pub mod errors;
pub mod filters;
pub mod fingerprint;
pub mod ical;
pub mod structured;
pub mod theme;
pub mod views;
pub mod village;

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::diag::{Diagnostic, Diagnostics};
use crate::images::{ImagePlan, Uses, recording};
use crate::model::Model;

use errors::render_error;
pub use errors::{template_diagnostic, template_diagnostics};
use filters::FilterSettings;
use theme::{PREFIXES, Theme};
use views::{Paginator, PostView, Summaries, TermView, page_count, page_path};

/// Where rendered pages go: (output path, bytes).
pub type WriteFn<'a> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'a;

/// What pages are rendered from: the model and the image plan. It reads
/// as the model (`model.posts`), with the photos at `model.images`.
pub struct Input<'a> {
    pub model: &'a Model,
    pub images: &'a ImagePlan,
}

impl std::ops::Deref for Input<'_> {
    type Target = Model;

    fn deref(&self) -> &Model {
        self.model
    }
}

/// One rendered page, and the photos it used.
#[derive(Debug)]
pub struct Page {
    /// The output file: `berita/x/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
    pub uses: Uses,
}

/// What rendering gives back: the problems, and the photos each page
/// used (by output file), for the write stage (or `serve`) to publish.
#[derive(Debug, Default)]
pub struct Rendered {
    pub problems: Diagnostics,
    pub uses: Vec<(String, Uses)>,
    /// The photos every page shows (the site-wide context's).
    pub global: Uses,
}

impl Rendered {
    /// The photos all pages together used.
    pub fn all_uses(&self) -> Uses {
        let mut all = self.global.clone();
        for (_, u) in &self.uses {
            all.extend(u);
        }
        all
    }
}

/// One page to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Home,
    Post(usize),
    Page(usize),
    Section {
        index: usize,
        page: usize,
    },
    Category {
        index: usize,
        page: usize,
    },
    Tag {
        index: usize,
        page: usize,
    },
    Categories,
    Tags,
    Archive,
    ArchiveMonth {
        year: usize,
        month: usize,
    },
    Profile(ProfilePage),
    NotFound,
    /// RSS 2.0 or Atom, for the whole site or one category.
    Feed {
        format: FeedFormat,
        category: Option<usize>,
    },
    /// `/sitemap.xml`: every page, or, past `sitemap_max_urls`, an index
    /// of the parts below.
    Sitemap,
    /// `/sitemap-N.xml` (from 1), when the sitemap is split.
    SitemapPart(usize),
    Robots,
    /// `/profile.json`: the village profile and the site's addresses.
    ProfileJson,
    /// A redirect page at an old address (`aliases`).
    Redirect(usize),
    /// The search page, `/cari/`.
    Search,
    /// The search index, `/cari/index.js`: made by [`crate::search`], not
    /// by a template.
    SearchIndex,
    /// Products, potentials, tourism and the gallery ([`catalog`]).
    Catalog(catalog::Page),
    /// `/statistik/`: population figures and tables, with charts.
    Statistik,
    /// `/transparansi/`: the APBDes per year, planned against realised.
    Transparansi,
    /// `/lembaga/`: the village's institutions and their pages.
    Lembaga,
    /// `/wilayah/`: the hamlets with their heads and RW/RT counts.
    Wilayah,
    /// `/agenda/` and its further pages: upcoming events, then past ones,
    /// from every post with an `[event]`. Takes the place of the `agenda`
    /// section's list when the site has events.
    Agenda {
        page: usize,
    },
    /// `/agenda.ics`: every event ([`ical`], not a template).
    AgendaCalendar,
    /// `<post>/acara.ics`: one post's event ([`ical`]).
    EventCalendar(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedFormat {
    Rss,
    Atom,
}

impl FeedFormat {
    fn file(self) -> &'static str {
        match self {
            FeedFormat::Rss => "rss.xml",
            FeedFormat::Atom => "atom.xml",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfilePage {
    Profil,
    Pemerintahan,
    Kim,
    Kontak,
}

impl ProfilePage {
    pub const ALL: [ProfilePage; 4] = [
        ProfilePage::Profil,
        ProfilePage::Pemerintahan,
        ProfilePage::Kim,
        ProfilePage::Kontak,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ProfilePage::Profil => "profil",
            ProfilePage::Pemerintahan => "pemerintahan",
            ProfilePage::Kim => "kim",
            ProfilePage::Kontak => "kontak",
        }
    }
}

pub struct Renderer {
    tera: Tera,
    theme: Theme,
    images: Arc<ImagePlan>,
    /// The photos the site-wide context shows (announcements' photos).
    global_uses: Uses,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    root_path: &'a str,
    language: &'a str,
    zone: crate::format::Zone,
    menu: Vec<MenuView<'a>>,
    /// The village pages this site has (`agenda`, `produk`, …): those
    /// without data are not built, so themes list only these.
    pages: Vec<PageLink>,
    categories: Vec<TermView<'a>>,
    sections: Vec<SectionView<'a>>,
    /// Announcements still in force, newest first: the banner on every page.
    announcements: Vec<PostView<'a>>,
    now: String,
    generator: &'static str,
}

#[derive(Serialize)]
struct PageLink {
    key: &'static str,
    url: String,
}

/// Pages a village site has only when its profile or posts give them
/// something to show, in the order footers list them. A menu item that
/// points at one of them is left out while the page is.
pub const VILLAGE_PAGES: [&str; 9] = [
    "agenda",
    "produk",
    "potensi",
    "wisata",
    "galeri",
    "statistik",
    "transparansi",
    "lembaga",
    "wilayah",
];

#[derive(Serialize)]
struct MenuView<'a> {
    name: &'a str,
    url: String,
    /// The URL path the item matches, for marking the current page.
    path: &'a str,
}

#[derive(Serialize)]
struct SectionView<'a> {
    key: &'a str,
    title: &'a str,
    description: &'a str,
    url: String,
    count: usize,
}

impl Renderer {
    /// Loads the theme and the site-wide context.
    pub fn new(
        model: &Model,
        images: Arc<ImagePlan>,
        root: &Path,
    ) -> Result<Renderer, Diagnostics> {
        let theme = Theme::load(root, &model.config.theme)?;
        let mut tera = Tera::new();
        tera.set_fallback_prefixes(PREFIXES)
            .expect("no templates are added yet");
        tera.autoescape_on(vec![".html", ".xml"]);
        filters::register(
            &mut tera,
            &FilterSettings {
                lang: model.config.language,
                zone: model.zone,
                time_style: model.config.time_style,
                root_path: model.config.root_path.clone(),
                base_url: model.config.base_url.clone(),
                content_urls: model
                    .posts
                    .iter()
                    .chain(&model.pages)
                    .map(|p| (p.rel.clone(), model.url(&p.path)))
                    .collect(),
            },
        );
        charts::register(&mut tera, model.config.language);
        crate::images::markup::register(
            &mut tera,
            &images,
            &model.config.root_path,
            &model.config.base_url,
        );
        let sources: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.source.as_str()))
            .collect();
        if let Err(e) = tera.add_raw_templates(sources) {
            return Err(template_diagnostics(&e, &theme));
        }
        let strings = theme.strings(model.config.language.code())?;
        let input = Input {
            model,
            images: &images,
        };
        let (site, global_uses) = recording(|| site_view(&input));
        let global = tera.global_context();
        global.insert("site", &site);
        global.insert("profile", &model.profile);
        global.insert("t", &strings);
        global.insert("lang", model.config.language.code());
        drop(site);
        Ok(Renderer {
            tera,
            theme,
            images,
            global_uses,
        })
    }

    /// The photos the site-wide context shows (on every page).
    pub fn global_uses(&self) -> Uses {
        self.global_uses.clone()
    }

    /// The image plan the pages are rendered with.
    pub fn images(&self) -> &Arc<ImagePlan> {
        &self.images
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Every page of the site.
    pub fn jobs(model: &Model) -> Vec<Job> {
        let per = model.config.posts_per_page;
        let mut jobs = vec![
            Job::Home,
            Job::Categories,
            Job::Tags,
            Job::Archive,
            Job::NotFound,
            Job::Sitemap,
            Job::Robots,
            Job::ProfileJson,
            Job::Search,
            Job::SearchIndex,
        ];
        jobs.extend((0..model.redirects.len()).map(Job::Redirect));
        for format in [FeedFormat::Rss, FeedFormat::Atom] {
            jobs.push(Job::Feed {
                format,
                category: None,
            });
            jobs.extend((0..model.categories.len()).map(|c| Job::Feed {
                format,
                category: Some(c),
            }));
        }
        jobs.extend(ProfilePage::ALL.map(Job::Profile));
        jobs.extend(village::jobs(model));
        jobs.extend((0..model.posts.len()).map(Job::Post));
        jobs.extend((0..model.pages.len()).map(Job::Page));
        let has_events = model.has_events();
        if has_events {
            let pages = page_count(model.agenda().len(), per);
            jobs.extend((1..=pages).map(|page| Job::Agenda { page }));
            jobs.push(Job::AgendaCalendar);
            jobs.extend(
                (0..model.posts.len())
                    .filter(|&i| model.posts[i].event.is_some())
                    .map(Job::EventCalendar),
            );
        }
        for (index, s) in model.sections.iter().enumerate() {
            // The agenda pages replace the `agenda` section's list.
            if has_events && s.path == AGENDA_PATH {
                continue;
            }
            jobs.extend(
                (1..=page_count(s.posts.len(), per)).map(|page| Job::Section { index, page }),
            );
        }
        for (index, c) in model.categories.iter().enumerate() {
            jobs.extend(
                (1..=page_count(c.posts.len(), per)).map(|page| Job::Category { index, page }),
            );
        }
        for (index, t) in model.tags.iter().enumerate() {
            jobs.extend((1..=page_count(t.posts.len(), per)).map(|page| Job::Tag { index, page }));
        }
        for (y, year) in model.archive.iter().enumerate() {
            jobs.extend((0..year.months.len()).map(|m| Job::ArchiveMonth { year: y, month: m }));
        }
        // Product posts and some section lists give way to catalog pages.
        jobs.retain(|j| !catalog::replaced(model, *j));
        jobs.extend(catalog::pages(model).into_iter().map(Job::Catalog));
        let parts = sitemap_parts(model, jobs.iter().filter(|j| in_sitemap(**j)).count());
        if parts > 1 {
            jobs.extend((1..=parts).map(Job::SitemapPart));
        }
        jobs
    }

    /// Renders every page in parallel, handing each to `write` (output
    /// path relative to the site root, bytes). Returns all problems and
    /// the photos each page used.
    pub fn render_all(&self, model: &Model, write: &WriteFn<'_>) -> Rendered {
        self.render_jobs(model, &Self::jobs(model), write)
    }

    /// Renders the given pages in parallel; see [`Renderer::render_all`].
    pub fn render_jobs(&self, model: &Model, jobs: &[Job], write: &WriteFn<'_>) -> Rendered {
        let model = &Input {
            model,
            images: &self.images,
        };
        let summaries = Summaries::new(model);
        let results: Vec<Result<(String, Uses), Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let (page, uses) = recording(|| self.render_with(model, *job, &summaries));
                let (path, html) = page?;
                write(&path, html.as_bytes())?;
                Ok((path, uses))
            })
            .collect();
        let mut rendered = Rendered {
            global: self.global_uses.clone(),
            ..Rendered::default()
        };
        rendered.global.extend(&self.images.stray_uses());
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(page) => rendered.uses.push(page),
                Err(d) => errors.push(d),
            }
        }
        // One broken template breaks every page that uses it: say it once.
        errors.dedup_by(|a, b| a.position() == b.position() && a.message == b.message);
        let mut seen = std::collections::HashSet::new();
        errors.retain(|d| seen.insert((d.position(), d.message.en.clone())));
        rendered.problems = Diagnostics { items: errors };
        rendered
    }

    /// Renders one job: (output path, HTML).
    pub fn render(&self, model: &Model, job: Job) -> Result<(String, String), Diagnostic> {
        let model = &Input {
            model,
            images: &self.images,
        };
        self.render_with(model, job, &Summaries::new(model))
    }

    fn render_with(
        &self,
        model: &Input<'_>,
        job: Job,
        sums: &Summaries,
    ) -> Result<(String, String), Diagnostic> {
        if job == Job::SearchIndex {
            return Ok((
                output_file(&job_path(model, job)),
                crate::search::index_js(model),
            ));
        }
        if job == Job::ProfileJson {
            return Ok((job_path(model, job), structured::profile_json(model)));
        }
        match job {
            Job::AgendaCalendar => return Ok((job_path(model, job), ical::agenda(model))),
            Job::EventCalendar(i) => {
                return Ok((job_path(model, job), ical::single(model, &model.posts[i])));
            }
            _ => {}
        }
        let (template, path, ctx) = self.context(model, job, sums);
        let html = self
            .tera
            .render(template, &ctx)
            .map_err(|e| render_error(&e, &self.theme, model, job))?;
        Ok((output_file(&path), html))
    }

    fn context<'m>(
        &self,
        model: &'m Input<'m>,
        job: Job,
        sums: &Summaries,
    ) -> (&'m str, String, Context) {
        let mut ctx = Context::new();
        let per = model.config.posts_per_page;
        let path = job_path(model, job);
        let template: &'m str = match job {
            Job::Home => {
                let pinned: Vec<usize> = (0..model.posts.len())
                    .filter(|&i| model.posts[i].pinned)
                    .collect();
                let latest: Vec<usize> = (0..model.posts.len().min(per)).collect();
                let ann: Vec<usize> = model.active_announcements().collect();
                let upcoming: Vec<usize> = model.upcoming_events().into_iter().take(3).collect();
                ctx.insert_value("pinned", sums.list(&pinned));
                ctx.insert_value("latest", sums.list(&latest));
                ctx.insert_value("announcements", sums.list(&ann));
                ctx.insert_value("upcoming", sums.list(&upcoming));
                ctx.insert("total_posts", &model.posts.len());
                let welcome = model.page_by_source(model.profile.village.welcome_page.as_deref());
                ctx.insert("welcome", &welcome.map(|w| PostView::full(model, w)));
                "index.html"
            }
            Job::Post(i) => {
                let post = &model.posts[i];
                let n = model.neighbours(i);
                ctx.insert_value("prev", Value::from(n.older.map(|p| sums.get(p))));
                ctx.insert_value("next", Value::from(n.newer.map(|p| sums.get(p))));
                if let Some(s) = n.section {
                    ctx.insert("section", &section_view(model, &model.sections[s]));
                }
                let related = n.related;
                ctx.insert_value("related", sums.list(&related));
                ctx.insert("page", &PostView::full(model, post));
                template_of(post, "post.html")
            }
            Job::Page(i) => {
                let page = &model.pages[i];
                ctx.insert("page", &PostView::full(model, page));
                template_of(page, "page.html")
            }
            Job::Section { index, page } => {
                let s = &model.sections[index];
                ctx.insert("section", &section_view(model, s));
                ctx.insert_value(
                    "paginator",
                    Paginator::value(model, &s.path, &s.posts, page, sums),
                );
                "section.html"
            }
            Job::Category { index, page } => {
                let c = &model.categories[index];
                ctx.insert("term", &TermView::new(model, c));
                ctx.insert_value(
                    "paginator",
                    Paginator::value(model, &c.path, &c.posts, page, sums),
                );
                "category.html"
            }
            Job::Tag { index, page } => {
                let t = &model.tags[index];
                ctx.insert("term", &TermView::new(model, t));
                ctx.insert_value(
                    "paginator",
                    Paginator::value(model, &t.path, &t.posts, page, sums),
                );
                "tag.html"
            }
            Job::Categories => {
                let terms: Vec<_> = model
                    .categories
                    .iter()
                    .map(|t| TermView::new(model, t))
                    .collect();
                ctx.insert("terms", &terms);
                "categories.html"
            }
            Job::Tags => {
                let terms: Vec<_> = model.tags.iter().map(|t| TermView::new(model, t)).collect();
                ctx.insert("terms", &terms);
                "tags.html"
            }
            Job::Archive => {
                ctx.insert("years", &archive_view(model));
                "archive.html"
            }
            Job::ArchiveMonth { year, month } => {
                let m = &model.archive[year].months[month];
                ctx.insert("year", &m.year);
                ctx.insert("month", &m.month);
                ctx.insert_value("posts", sums.list(&m.posts));
                "archive_month.html"
            }
            Job::Profile(p) => {
                if p == ProfilePage::Profil {
                    let history =
                        model.page_by_source(model.profile.village.history_page.as_deref());
                    ctx.insert("history", &history.map(|h| PostView::full(model, h)));
                }
                let pages: Vec<_> = model
                    .pages
                    .iter()
                    .filter(|pg| pg.section == p.key())
                    .map(|pg| PostView::summary(model, pg))
                    .collect();
                ctx.insert("pages", &pages);
                match p {
                    ProfilePage::Profil => "profil.html",
                    ProfilePage::Pemerintahan => "pemerintahan.html",
                    ProfilePage::Kim => "kim.html",
                    ProfilePage::Kontak => "kontak.html",
                }
            }
            Job::Agenda { page } => {
                let agenda = model.agenda();
                let all = agenda.all();
                let start = ((page - 1) * per).min(all.len());
                let end = (start + per).min(all.len());
                let split = agenda.upcoming.len().clamp(start, end);
                ctx.insert_value("upcoming", sums.list(&all[start..split]));
                ctx.insert_value("past", sums.list(&all[split..end]));
                ctx.insert("upcoming_total", &agenda.upcoming.len());
                ctx.insert("past_total", &agenda.past.len());
                let section = model.sections.iter().find(|s| s.path == AGENDA_PATH);
                ctx.insert("section", &section.map(|s| section_view(model, s)));
                ctx.insert_value(
                    "paginator",
                    Paginator::value(model, AGENDA_PATH, &all, page, sums),
                );
                "agenda.html"
            }
            // Made in Rust by `render_with`, never through a template.
            Job::AgendaCalendar | Job::EventCalendar(_) => "",
            Job::NotFound => "404.html",
            // The index never gets here: `render_with` makes it.
            Job::Search | Job::SearchIndex => "cari.html",
            Job::Statistik | Job::Transparansi | Job::Lembaga | Job::Wilayah => {
                village::context(model, job, &mut ctx)
            }
            Job::Feed { format, category } => {
                let (ids, title) = match category {
                    Some(c) => (
                        &model.categories[c].posts[..],
                        Some(model.categories[c].name.as_str()),
                    ),
                    None => (&(0..model.posts.len()).collect::<Vec<_>>()[..], None),
                };
                let items: Vec<_> = ids
                    .iter()
                    .take(model.config.feeds.limit)
                    .map(|&i| PostView::full(model, &model.posts[i]))
                    .collect();
                ctx.insert("items", &items);
                ctx.insert("feed_title", &title);
                ctx.insert("full_content", &model.config.feeds.full_content);
                let newest = ids
                    .first()
                    .and_then(|&i| model.posts[i].updated.or(model.posts[i].date));
                ctx.insert(
                    "updated",
                    &newest
                        .map(|m| m.machine())
                        .unwrap_or_else(|| site_now(model)),
                );
                format.file()
            }
            Job::Sitemap | Job::SitemapPart(_) => {
                let entries = sitemap_entries(model);
                let per = sitemap_limit(model);
                match job {
                    Job::SitemapPart(k) => {
                        let start = ((k - 1) * per).min(entries.len());
                        let end = (start + per).min(entries.len());
                        ctx.insert("entries", &entries[start..end]);
                        "sitemap.xml"
                    }
                    _ if entries.len() > per => {
                        let parts: Vec<SitemapEntry> = entries
                            .chunks(per)
                            .enumerate()
                            .map(|(k, chunk)| SitemapEntry {
                                loc: model.permalink(&format!("sitemap-{}.xml", k + 1)),
                                lastmod: chunk.iter().filter_map(|e| e.lastmod.clone()).max(),
                            })
                            .collect();
                        ctx.insert("sitemaps", &parts);
                        "sitemap_index.xml"
                    }
                    _ => {
                        ctx.insert("entries", &entries);
                        "sitemap.xml"
                    }
                }
            }
            Job::Robots => "robots.txt",
            Job::Catalog(p) => catalog::context(model, p, sums, &mut ctx),
            // Made in Rust by `render_with`, never through a template.
            Job::ProfileJson => "",
            Job::Redirect(i) => {
                let target = &model.redirects[i].1;
                let page = model
                    .posts
                    .iter()
                    .chain(&model.pages)
                    .find(|p| &p.path == target);
                ctx.insert("page", &page.map(|p| PostView::summary(model, p)));
                ctx.insert("target_url", &model.url(target));
                ctx.insert("target_permalink", &model.permalink(target));
                "alias.html"
            }
        };
        ctx.insert("jsonld", &structured::json_ld(model, job));
        ctx.insert("url", &model.url(&path));
        ctx.insert("permalink", &model.permalink(&path));
        ctx.insert("current_path", &format!("/{path}"));
        (template, path, ctx)
    }
}

fn template_of<'m>(post: &'m crate::model::Post, default: &'static str) -> &'m str {
    post.template.as_deref().unwrap_or(default)
}

fn site_view<'a>(model: &'a Input<'a>) -> SiteView<'a> {
    // Which of the village pages are built (lists, not posts: cheap).
    let built: std::collections::HashSet<String> = Renderer::jobs(model)
        .into_iter()
        .filter(|j| !matches!(j, Job::Post(_) | Job::Tag { .. } | Job::Redirect(_)))
        .map(|j| job_path(model, j))
        .collect();
    SiteView {
        pages: VILLAGE_PAGES
            .iter()
            .filter(|k| built.contains(&format!("{k}/")))
            .map(|&key| PageLink {
                key,
                url: model.url(&format!("{key}/")),
            })
            .collect(),
        title: &model.config.title,
        description: &model.config.description,
        base_url: &model.config.base_url,
        root_path: &model.config.root_path,
        language: model.config.language.code(),
        zone: model.zone,
        menu: model
            .config
            .menu
            .iter()
            .filter(|m| {
                let key = m.url.trim_matches('/');
                !VILLAGE_PAGES.contains(&key) || built.contains(&format!("{key}/"))
            })
            .map(|m| MenuView {
                name: &m.name,
                url: filters::join_url(&model.config.root_path, &m.url),
                path: &m.url,
            })
            .collect(),
        categories: model
            .categories
            .iter()
            .filter(|c| !c.posts.is_empty())
            .map(|c| TermView::new(model, c))
            .collect(),
        sections: model
            .sections
            .iter()
            .map(|s| section_view(model, s))
            .collect(),
        announcements: model
            .active_announcements()
            .map(|i| PostView::summary(model, &model.posts[i]))
            .collect(),
        now: model
            .now
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        generator: concat!("warta ", env!("CARGO_PKG_VERSION")),
    }
}

fn section_view<'a>(model: &Model, s: &'a crate::model::Section) -> SectionView<'a> {
    SectionView {
        key: &s.key,
        title: &s.title,
        description: &s.description,
        url: model.url(&s.path),
        count: s.posts.len(),
    }
}

#[derive(Serialize)]
struct YearView {
    year: i32,
    count: usize,
    months: Vec<MonthView>,
}

#[derive(Serialize)]
struct MonthView {
    month: u32,
    url: String,
    count: usize,
}

fn archive_view(model: &Model) -> Vec<YearView> {
    model
        .archive
        .iter()
        .map(|y| YearView {
            year: y.year,
            count: y.months.iter().map(|m| m.posts.len()).sum(),
            months: y
                .months
                .iter()
                .map(|m| MonthView {
                    month: m.month,
                    url: model.url(&m.path),
                    count: m.posts.len(),
                })
                .collect(),
        })
        .collect()
}

/// The URL path (below the site root) a job writes: `berita/x/`, `404.html`.
pub fn job_path(model: &Model, job: Job) -> String {
    match job {
        Job::Home => String::new(),
        Job::Post(i) => model.posts[i].path.clone(),
        Job::Page(i) => model.pages[i].path.clone(),
        Job::Section { index, page } => page_path(&model.sections[index].path, page),
        Job::Category { index, page } => page_path(&model.categories[index].path, page),
        Job::Tag { index, page } => page_path(&model.tags[index].path, page),
        Job::Categories => "kategori/".to_string(),
        Job::Tags => "tag/".to_string(),
        Job::Archive => "arsip/".to_string(),
        Job::ArchiveMonth { year, month } => model.archive[year].months[month].path.clone(),
        Job::Profile(p) => format!("{}/", p.key()),
        Job::NotFound => "404.html".to_string(),
        Job::Feed { format, category } => match category {
            Some(c) => format!("{}{}", model.categories[c].path, format.file()),
            None => format.file().to_string(),
        },
        Job::Sitemap => "sitemap.xml".to_string(),
        Job::SitemapPart(k) => format!("sitemap-{k}.xml"),
        Job::Robots => "robots.txt".to_string(),
        Job::ProfileJson => "profile.json".to_string(),
        Job::Redirect(i) => model.redirects[i].0.clone(),
        Job::Search => "cari/".to_string(),
        Job::SearchIndex => "cari/index.js".to_string(),
        Job::Catalog(p) => catalog::path(model, p),
        Job::Statistik | Job::Transparansi | Job::Lembaga | Job::Wilayah => {
            village::path(job).to_string()
        }
        Job::Agenda { page } => page_path(AGENDA_PATH, page),
        Job::AgendaCalendar => ical::AGENDA_FILE.to_string(),
        Job::EventCalendar(i) => format!("{}{}", model.posts[i].path, ical::EVENT_FILE),
    }
}

/// Where the agenda pages are: `/agenda/`.
pub const AGENDA_PATH: &str = "agenda/";

fn site_now(model: &Model) -> String {
    model
        .now
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

#[derive(Serialize, Clone)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
}

/// Every HTML page readers may land on, with when it last changed: a
/// post's `updated` or `date`, a list's newest post. Drafts never get here
/// (the model left them out), nor do 404 and feeds.
fn sitemap_entries(model: &Model) -> Vec<SitemapEntry> {
    let stamp = |ids: &[usize]| {
        ids.iter()
            .filter_map(|&i| model.posts[i].updated.or(model.posts[i].date))
            .max()
            .map(|m| m.machine())
    };
    let all: Vec<usize> = (0..model.posts.len()).collect();
    // The home page, then what readers come for (the village's products,
    // places and data, posts, pages), then lists.
    let mut jobs = Renderer::jobs(model);
    jobs.sort_by_key(|j| match j {
        Job::Home => 0,
        Job::Catalog(_) | Job::Statistik | Job::Transparansi | Job::Lembaga | Job::Wilayah => 1,
        Job::Post(_) => 2,
        Job::Page(_) | Job::Profile(_) => 3,
        Job::Section { .. } | Job::Agenda { .. } => 4,
        _ => 5,
    });
    jobs.into_iter()
        .filter_map(|job| {
            if !in_sitemap(job) {
                return None;
            }
            let lastmod = match job {
                Job::Post(i) => stamp(&[i]),
                Job::Page(i) => model.pages[i]
                    .updated
                    .or(model.pages[i].date)
                    .map(|m| m.machine()),
                Job::Section { index, .. } => stamp(&model.sections[index].posts),
                Job::Agenda { .. } => stamp(&model.agenda().all()),
                Job::Category { index, .. } => stamp(&model.categories[index].posts),
                Job::Tag { index, .. } => stamp(&model.tags[index].posts),
                Job::ArchiveMonth { year, month } => {
                    stamp(&model.archive[year].months[month].posts)
                }
                _ => stamp(&all),
            };
            Some(SitemapEntry {
                loc: model.permalink(&job_path(model, job)),
                lastmod,
            })
        })
        .collect()
}

/// Whether a job is a page readers may land on, listed in the sitemap:
/// not 404, feeds, the sitemap itself, data files, nor redirects.
fn in_sitemap(job: Job) -> bool {
    !matches!(
        job,
        Job::NotFound
            | Job::Feed { .. }
            | Job::Sitemap
            | Job::SitemapPart(_)
            | Job::Robots
            | Job::SearchIndex
            | Job::ProfileJson
            | Job::Redirect(_)
            | Job::AgendaCalendar
            | Job::EventCalendar(_)
    )
}

fn sitemap_limit(model: &Model) -> usize {
    model.config.build.sitemap_max_urls.clamp(1, 50_000)
}

/// How many sitemap files `urls` pages need: 1 until the limit, then one
/// per `limit` URLs (listed by `/sitemap.xml` as an index).
fn sitemap_parts(model: &Model, urls: usize) -> usize {
    urls.div_ceil(sitemap_limit(model)).max(1)
}

/// The file a URL path is written to: `berita/x/index.html`.
pub fn output_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}
