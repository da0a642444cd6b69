//! What a page shows, told once for two uses.
//!
//! A [`super::kind::Kind`] puts everything its page shows into an
//! [`Inputs`]: lists of posts shown as summaries, posts and pages shown in
//! full, the section it belongs to, its pager, and any other value. When
//! rendering, `Inputs` turns each into the template value of that name;
//! for `serve`'s fingerprints it hashes the same things instead, cheaply:
//! a post by its digest (its fields, its body by identity), a section by
//! its index (sections are in what every page sees), any other value by
//! its serialized text. The kind cannot tell which use it is filling, so
//! a field added to a page is in its fingerprint too: a page is never
//! left stale by a hand-kept list of what it depends on.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::global::section_view;
use super::views::{Paginator, PostView, Summaries, page_count};
use crate::model::agenda::Agenda;
use crate::model::{Model, Post};
use crate::render::Input;

/// What one run (a render or a fingerprint pass) shares between pages.
pub struct Run<'m> {
    model: &'m Input<'m>,
    use_: Use<'m>,
    agenda: OnceLock<Agenda>,
}

enum Use<'m> {
    Render(Summaries<'m>),
    Print(Digests),
}

impl<'m> Run<'m> {
    /// A render run: each post's summary is made once and shared.
    pub fn render(model: &'m Input<'m>) -> Run<'m> {
        Run::with(model, Use::Render(Summaries::new(model)))
    }

    /// A fingerprint run: each post's digest is worked out once.
    pub fn print(model: &'m Input<'m>) -> Run<'m> {
        Run::with(model, Use::Print(Digests::new(model)))
    }

    fn with(model: &'m Input<'m>, use_: Use<'m>) -> Run<'m> {
        Run {
            model,
            use_,
            agenda: OnceLock::new(),
        }
    }

    /// Fresh inputs for one page of this run.
    pub fn inputs(&self) -> Inputs<'_, 'm> {
        let sink = match &self.use_ {
            Use::Render(_) => Sink::Context(Context::new()),
            Use::Print(_) => Sink::Hash(DefaultHasher::new()),
        };
        Inputs {
            run: Some(self),
            sink,
        }
    }
}

enum Sink {
    Context(Context),
    Hash(DefaultHasher),
    /// Neither: only the page's body is wanted ([`super::kind::Job::made`]).
    Discard,
}

/// What one page shows (see the module documentation).
pub struct Inputs<'r, 'm> {
    run: Option<&'r Run<'m>>,
    sink: Sink,
}

impl<'r, 'm> Inputs<'r, 'm> {
    /// Inputs that keep nothing, for a page made in Rust.
    pub fn declared() -> Inputs<'static, 'static> {
        Inputs {
            run: None,
            sink: Sink::Discard,
        }
    }

    /// The Tera context the inputs made (empty unless rendering).
    pub fn into_context(self) -> Context {
        match self.sink {
            Sink::Context(ctx) => ctx,
            _ => Context::new(),
        }
    }

    /// The fingerprint of what went in (0 unless fingerprinting).
    pub fn finish(self) -> u64 {
        match self.sink {
            Sink::Hash(h) => h.finish(),
            _ => 0,
        }
    }

    /// The model's agenda, worked out once per run.
    pub fn agenda(&self) -> std::borrow::Cow<'r, Agenda> {
        match self.run {
            Some(run) => std::borrow::Cow::Borrowed(run.agenda.get_or_init(|| run.model.agenda())),
            None => std::borrow::Cow::Owned(Agenda::default()),
        }
    }

    /// A value, as the template sees it under `name`; the fingerprint
    /// hashes it with its derived `Hash` (every field, as serialized).
    pub fn value(&mut self, name: &'static str, v: &(impl Serialize + Hash + ?Sized)) {
        match &mut self.sink {
            Sink::Context(ctx) => ctx.insert(name, v),
            Sink::Hash(h) => (name, v).hash(h),
            Sink::Discard => {}
        }
    }

    /// A value that cannot derive `Hash` (it holds a float): the
    /// fingerprint hashes its JSON text instead, which costs more.
    pub fn json(&mut self, name: &'static str, v: &(impl Serialize + ?Sized)) {
        match &mut self.sink {
            Sink::Context(ctx) => ctx.insert(name, v),
            Sink::Hash(h) => {
                name.hash(h);
                // A struct serializes its fields in order: a stable text.
                let _ = serde_json::to_writer(HashWrite(h), v);
            }
            Sink::Discard => {}
        }
    }

    /// A value made from `data` alone (and what every page sees): the
    /// template gets `make(data)`, the fingerprint hashes `data`, so a
    /// costly value is not made just to learn whether it changed.
    pub fn derived<D, T>(&mut self, name: &'static str, data: &D, make: impl FnOnce(&D) -> T)
    where
        D: Hash + ?Sized,
        T: Serialize,
    {
        match &mut self.sink {
            Sink::Context(ctx) => ctx.insert(name, &make(data)),
            Sink::Hash(h) => (name, data).hash(h),
            Sink::Discard => {}
        }
    }

    /// Posts (indices into `model.posts`) shown as summaries, as a list.
    pub fn summaries(&mut self, name: &'static str, ids: &[usize]) {
        let run = self.run;
        match (&mut self.sink, run.map(|r| &r.use_)) {
            (Sink::Context(ctx), Some(Use::Render(sums))) => ctx.insert_value(name, sums.list(ids)),
            (Sink::Hash(h), Some(Use::Print(d))) => {
                (name, ids.len()).hash(h);
                d.summaries(ids, h);
            }
            _ => {}
        }
    }

    /// One post shown as a summary, or `null`.
    pub fn summary(&mut self, name: &'static str, id: Option<usize>) {
        let run = self.run;
        match (&mut self.sink, run.map(|r| &r.use_)) {
            (Sink::Context(ctx), Some(Use::Render(sums))) => {
                ctx.insert_value(name, Value::from(id.map(|i| sums.get(i))));
            }
            (Sink::Hash(h), Some(Use::Print(d))) => {
                (name, id.is_some()).hash(h);
                d.summaries(id.as_slice(), h);
            }
            _ => {}
        }
    }

    /// Posts shown in full (with `content` and `toc`), as a list.
    pub fn posts(&mut self, name: &'static str, ids: &[usize]) {
        self.full(name, Posts::Posts, ids, false);
    }

    /// One post shown in full.
    pub fn post(&mut self, name: &'static str, id: usize) {
        self.full(name, Posts::Posts, &[id], true);
    }

    /// A standalone page (index into `model.pages`) in full, or `null`.
    pub fn page(&mut self, name: &'static str, id: Option<usize>) {
        self.full(name, Posts::Pages, id.as_slice(), true);
    }

    /// Standalone pages shown as summaries, as a list.
    pub fn page_summaries(&mut self, name: &'static str, ids: &[usize]) {
        let run = self.run;
        match (&mut self.sink, run) {
            (Sink::Context(ctx), Some(run)) => {
                let m = run.model;
                let views: Vec<_> = ids
                    .iter()
                    .map(|&i| PostView::summary(m, &m.pages[i]))
                    .collect();
                ctx.insert(name, &views);
            }
            (
                Sink::Hash(h),
                Some(Run {
                    use_: Use::Print(d),
                    ..
                }),
            ) => {
                (name, ids.len()).hash(h);
                for &i in ids {
                    d.pages[i].0.hash(h);
                }
            }
            _ => {}
        }
    }

    /// Section `index` (of `model.sections`) as its view, or `null`.
    pub fn section(&mut self, name: &'static str, index: Option<usize>) {
        match (&mut self.sink, self.run) {
            (Sink::Context(ctx), Some(run)) => {
                let m = run.model;
                ctx.insert(name, &index.map(|s| section_view(m, &m.sections[s])));
            }
            // What a section view shows is in what every page sees.
            (Sink::Hash(h), _) => (name, index).hash(h),
            _ => {}
        }
    }

    /// Page `n` of the list `all` at `base`: the pager, with `items`
    /// the summaries of the posts on this page.
    pub fn pager(&mut self, name: &'static str, base: &str, all: &[usize], n: usize) {
        let run = self.run;
        match (&mut self.sink, run.map(|r| (r.model, &r.use_))) {
            (Sink::Context(ctx), Some((m, Use::Render(sums)))) => {
                ctx.insert_value(name, Paginator::value(m, base, all, n, sums));
            }
            (Sink::Hash(h), Some((m, Use::Print(d)))) => {
                let per = m.config.posts_per_page;
                (name, base, n, page_count(all.len(), per), all.len()).hash(h);
                let start = ((n - 1) * per).min(all.len());
                d.summaries(&all[start..(start + per).min(all.len())], h);
            }
            _ => {}
        }
    }

    /// For a body made in Rust: it reads these posts' summary fields.
    pub fn uses_summaries(&mut self, ids: &[usize]) {
        if let (
            Sink::Hash(h),
            Some(Run {
                use_: Use::Print(d),
                ..
            }),
        ) = (&mut self.sink, self.run)
        {
            d.summaries(ids, h);
        }
    }

    /// For a body made in Rust: it reads every post and page in full.
    pub fn uses_everything(&mut self) {
        if let (
            Sink::Hash(h),
            Some(Run {
                use_: Use::Print(d),
                ..
            }),
        ) = (&mut self.sink, self.run)
        {
            for p in d.posts.iter().chain(&d.pages) {
                p.1.hash(h);
            }
        }
    }

    /// For a body made in Rust: it reads `v`.
    pub fn uses(&mut self, v: impl Hash) {
        if let Sink::Hash(h) = &mut self.sink {
            v.hash(h);
        }
    }

    /// Posts or pages in full: a list of views, or (`one`) the one
    /// view or `null`.
    fn full(&mut self, name: &'static str, of: Posts, ids: &[usize], one: bool) {
        let run = self.run;
        match (&mut self.sink, run) {
            (Sink::Context(ctx), Some(run)) => {
                let m = run.model;
                let list = of.list(m);
                let mut views: Vec<_> = ids.iter().map(|&i| PostView::full(m, &list[i])).collect();
                if one {
                    ctx.insert(name, &views.pop());
                } else {
                    ctx.insert(name, &views);
                }
            }
            (
                Sink::Hash(h),
                Some(Run {
                    use_: Use::Print(d),
                    ..
                }),
            ) => {
                (name, ids.len()).hash(h);
                let digests = match of {
                    Posts::Posts => &d.posts,
                    Posts::Pages => &d.pages,
                };
                for &i in ids {
                    digests[i].1.hash(h);
                }
            }
            _ => {}
        }
    }
}

#[derive(Clone, Copy)]
enum Posts {
    Posts,
    Pages,
}

impl Posts {
    fn list(self, m: &Model) -> &[Arc<Post>] {
        match self {
            Posts::Posts => &m.posts,
            Posts::Pages => &m.pages,
        }
    }
}

/// Feeds serialized text into a hasher.
pub struct HashWrite<'a>(pub &'a mut DefaultHasher);

impl std::io::Write for HashWrite<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Each post's and page's (summary, full) digest: the summary hashes
/// every field a summary shows; the full adds the body (by identity: an
/// unchanged body is the same shared allocation), template and section.
/// Kept on the post, so an unchanged post is not hashed again.
pub struct Digests {
    posts: Vec<(u64, u64)>,
    pages: Vec<(u64, u64)>,
}

impl Digests {
    fn new(m: &Input<'_>) -> Digests {
        Digests {
            posts: m.posts.par_iter().map(|p| digest(p)).collect(),
            pages: m.pages.iter().map(|p| digest(p)).collect(),
        }
    }

    fn summaries(&self, ids: &[usize], h: &mut DefaultHasher) {
        for &i in ids {
            self.posts[i].0.hash(h);
        }
    }
}

/// The digest of what `p`'s summary shows (kept on the post).
pub fn summary_digest(p: &Post) -> u64 {
    digest(p).0
}

fn digest(p: &Post) -> (u64, u64) {
    *p.digest.get_or_init(|| {
        let s = summary_hash(p);
        (s, full_hash(p, s))
    })
}

/// The fields of a post that its summary shows.
pub fn summary_hash(p: &Post) -> u64 {
    let mut h = DefaultHasher::new();
    let when = (&p.date, &p.updated, &p.expires);
    (&p.title, &p.path, when, &p.category, &p.tags, &p.author).hash(&mut h);
    (&p.place, p.pinned, p.draft, &p.summary, &p.summary_html).hash(&mut h);
    (&p.image, &p.event, &p.source, p.body.words, &p.adinda).hash(&mut h);
    h.finish()
}

fn full_hash(p: &Post, summary: u64) -> u64 {
    let mut h = DefaultHasher::new();
    let body = Arc::as_ptr(&p.body) as usize;
    (summary, body, &p.template, &p.section).hash(&mut h);
    h.finish()
}
