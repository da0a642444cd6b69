//! Search: the index warta writes and the theme's `cari.js` that reads it
//! must fold, split and stem every word the same way, or a reader's query
//! misses the page it names. The browser side of `/cari/` is looked at in
//! `browser.rs`.

use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;
use warta::search::Choices;

use crate::support::{Site, repo};

/// Words the stemmer's rules turn on, and letters with diacritics.
const TRICKY: &[&str] = &[
    "pembangunan membangun bangunan dibangun menyapu memukul mengambil menggunakan",
    "mendengar membaca memakai melatih dilaksanakan diadakan terbakar kesehatan kegiatan",
    "keamanan pengumuman penyuluhan penyakit pendidikan pemberdayaan berdasarkan bekerja",
    "perbaikan memperbaiki diperbaiki pelatihan petani belajar pelajaran berlari bukankah",
    "rumahnya bukumu kampungku pembangunannya mengatasi berdiskusi manusia sekolah menulis",
    "a ii aaa meng pengan dikan kah mempermainkan belajarlah pelajarannya be ber per pe",
    "Jum'at JUM’AT Qur’an do`a ʼain 'kutip' “kutip” kopi-kopi RT05 2025 x1 ½ ² Ⅻ",
    "Café Ñusa Straße İbu ΟΔΟΣ Tiếng Việt Ærø ŁÓDŹ Şükran e\u{301} ǅemal ǯ ẞ ﬁ",
];

#[test]
fn javascript_and_rust_fold_and_stem_alike() {
    let node = crate::browser_tools::node_20();
    let mut lines: Vec<String> = TRICKY.iter().map(|s| s.to_string()).collect();
    // Every Latin letter with a diacritic the fold table knows, both cases.
    let latin: String = (0xc0u32..=0x24f)
        .chain(0x1e00..=0x1eff)
        .filter_map(char::from_u32)
        .flat_map(|c| [c, ' '])
        .collect();
    lines.push(latin.to_uppercase());
    lines.push(latin);
    // Every line of content-example: thousands of real Indonesian words.
    for entry in walkdir::WalkDir::new(repo().join("content-example")) {
        let entry = entry.unwrap();
        if entry
            .path()
            .extension()
            .is_some_and(|e| e == "md" || e == "toml")
        {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            lines.extend(text.lines().map(str::to_string));
        }
    }
    lines.retain(|l| !l.contains('\r'));
    lines.extend(affixed(&lines));
    // The site's choices, from all of it, as a build makes them.
    let mut counts: HashMap<String, u32> = HashMap::new();
    for line in &lines {
        for w in warta::search::words(line).filter(|w| !warta::search::is_stopword(w)) {
            *counts.entry(w).or_default() += 1;
        }
    }
    let choices = Choices::from_vocabulary(counts.iter().map(|(w, n)| (w.as_str(), *n)));
    assert!(
        choices.keys().len() > 50,
        "few second readings: {:?}",
        choices.keys()
    );
    let js = run_agree(&node, &choices.keys().join(" "), &lines);
    let js = js.as_array().expect("one result a line");
    assert_eq!(js.len(), lines.len(), "one result a line");
    let mut wrong = Vec::new();
    let mut words = 0;
    for (line, got) in lines.iter().zip(js) {
        let fold = warta::search::fold(line);
        let ws: Vec<String> = warta::search::words(line).collect();
        let stems: Vec<String> = ws.iter().map(|w| choices.stem(w)).collect();
        let first: Vec<String> = ws.iter().map(|w| warta::search::stem(w)).collect();
        words += ws.len();
        if got[0] != fold.as_str() {
            wrong.push(format!("fold {line:?}: js {} rust {fold:?}", got[0]));
        }
        if got[1] != serde_json::json!(ws) {
            wrong.push(format!("words {line:?}: js {} rust {ws:?}", got[1]));
        }
        if got[2] != serde_json::json!(stems) {
            wrong.push(format!("stems {line:?}: js {} rust {stems:?}", got[2]));
        }
        if got[3] != serde_json::json!(first) {
            wrong.push(format!(
                "first stems {line:?}: js {} rust {first:?}",
                got[3]
            ));
        }
    }
    assert!(words > 30_000, "only {words} words compared");
    wrong.truncate(40);
    assert!(
        wrong.is_empty(),
        "cari.js and src/search disagree (first 40 shown):\n{}",
        wrong.join("\n")
    );
}

/// Words made from the words of `lines` with every prefix and suffix the
/// stemmer knows, one line per word: tens of thousands of words that take
/// every path through it.
fn affixed(lines: &[String]) -> Vec<String> {
    const PREFIXES: &[&str] = &[
        "", "me", "mem", "men", "meng", "meny", "pe", "pem", "pen", "peng", "peny", "di", "ter",
        "ke", "se", "ber", "be", "per", "memper", "diper", "sepe",
    ];
    const SUFFIXES: &[&str] = &["", "kan", "an", "i", "nya", "lah", "kah", "pun", "ku", "mu"];
    let mut roots: Vec<String> = lines
        .iter()
        .flat_map(|l| warta::search::words(l).collect::<Vec<_>>())
        .filter(|w| w.bytes().all(|b| b.is_ascii_lowercase()) && (3..=12).contains(&w.len()))
        .collect();
    roots.sort();
    roots.dedup();
    let mut out = Vec::new();
    for (i, root) in roots.iter().enumerate() {
        let mut line = String::new();
        for (j, p) in PREFIXES.iter().enumerate() {
            let s = SUFFIXES[(i + j) % SUFFIXES.len()];
            line.push_str(&format!("{p}{root}{s} "));
        }
        for s in SUFFIXES {
            line.push_str(&format!("{root}{s} "));
        }
        out.push(line);
    }
    out
}

fn run_agree(node: &str, choices: &str, lines: &[String]) -> Value {
    let mut child = Command::new(node)
        .arg(repo().join("tests/search/agree.mjs"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    let input = format!("{choices}\n{}\n", lines.join("\n"));
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("agree.mjs ends");
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "agree.mjs failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("agree.mjs prints JSON")
}

/// The index and the page are in the build; the index is not in the
/// sitemap, the page is; every page links to the search.
#[test]
fn build_writes_the_search_page_and_index() {
    let site = Site::fixture("content-example");
    site.build_ok();
    let index = site.read("public/cari/index.js");
    assert!(
        index.starts_with("window.WARTA_CARI={\"v\":4,\"h\":\""),
        "{}",
        &index[..80]
    );
    // What the profile makes pages of, with their labels.
    let labels = index.split("\"c\":[").nth(1).unwrap_or_default();
    for label in ["\"Produk\"", "\"Wisata\"", "\"Potensi\"", "\"Profil desa\""] {
        assert!(
            labels.split(']').next().unwrap_or_default().contains(label),
            "no {label}"
        );
    }
    let blocks: String = (0..5)
        .map(|i| site.read(&format!("public/cari/dok/{i}.js")))
        .collect();
    assert!(
        !site.path("public/cari/dok/5.js").exists(),
        "37 documents, 8 a block"
    );
    for doc in [
        "[\"berita/betonisasi-jalan-dusun-ngembul/\",\"Jalan Dusun Ngembul Kini Dibeton,",
        "[\"produk/madu-klanceng-hutan/\",\"Madu Klanceng Hutan\"",
        "[\"wisata/coban-lintang/\",\"Coban Lintang\"",
        "[\"potensi/\",\"Peternakan Sapi Perah\"",
        "[\"profil/\",\"Desa Sukamaju\"",
    ] {
        assert!(blocks.contains(doc), "the index lacks {doc}");
    }
    let page = site.read("public/cari/index.html");
    for part in [
        "<form id=\"cari\" role=\"search\"",
        "<input type=\"search\" id=\"q\" name=\"q\"",
        "<label for=\"q\">Kata yang dicari</label>",
        "aria-live=\"polite\"",
        "<noscript>",
        "href=\"/arsip/\"",
        "<script id=\"cari-index\" src=\"/cari/index.js\" defer></script>",
        "<script src=\"/cari.js\" defer></script>",
    ] {
        assert!(page.contains(part), "/cari/ lacks {part}");
    }
    assert!(site.path("public/cari.js").is_file());
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("/cari/</loc>") && !sitemap.contains(".js"));
    let home = site.read("public/index.html");
    assert!(home.contains("<li><a href=\"/cari/\">Cari</a></li>"));
    assert!(!home.contains("<script src"), "only /cari/ loads a script");
}

/// The index in parts, searched in Node.js as the page searches it: each
/// query loads only the parts it asks for, and finds what a search with
/// every part loaded finds; every stem finds exactly the documents it is
/// on (a stem outside the chunk `index.js` sends a search to is not
/// found); and a first result on content-example (37 documents) takes at
/// most 20 KiB gzip in all, page, script and index.
#[test]
fn a_query_loads_only_the_parts_it_needs() {
    let node = crate::browser_tools::node_20();
    let site = Site::fixture("content-example");
    site.build_ok();
    let queries: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("bench/search/queries.json")).unwrap(),
    )
    .unwrap();
    let mut asked: Vec<String> = queries["example"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["q"].as_str().unwrap().to_string())
        .collect();
    // Typed, not finished; typos; words on every page; nothing.
    for q in [
        "pemb",
        "keseh",
        "membangun jal",
        "puskemas ",
        "pelatihn ",
        "warga desa",
        "zzzz ",
    ] {
        asked.push(q.to_string());
    }
    let mut child = Command::new(&node)
        .arg(repo().join("tests/search/parts.mjs"))
        .arg(site.path("public"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(asked.join("\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().expect("parts.mjs ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "parts.mjs failed:\n{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("parts.mjs prints JSON");
    let sizes = &report["sizes"];
    assert!(
        sizes["index"].as_u64().unwrap() <= 1024,
        "index.js, loaded with the page, grew past 1 KiB gzip: {sizes}"
    );
    let answers = report["queries"].as_array().unwrap();
    assert_eq!(answers.len(), asked.len());
    for a in answers {
        let q = a["q"].as_str().unwrap();
        assert_eq!(a["full"]["rounds"], 0, "{q:?}: everything was loaded");
        let mut lazy = a["lazy"].clone();
        lazy["rounds"] = 0.into();
        assert_eq!(
            lazy, a["full"],
            "{q:?}: the parts it loaded ({}) miss something",
            a["loaded"]
        );
        let bytes = a["bytes"].as_u64().unwrap();
        assert!(
            bytes <= 20 * 1024,
            "{q:?}: the first result took {bytes} bytes gzip (page, script, index, parts {})",
            a["loaded"]
        );
        let chunks = a["loaded"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p.as_str().unwrap().starts_with("kata/"));
        assert!(
            chunks.count() <= 2 * q.split(' ').count() + 1,
            "{q:?} loaded {}",
            a["loaded"]
        );
    }
    let typo = answers.iter().find(|a| a["q"] == "puskemas ").unwrap();
    assert_eq!(
        typo["lazy"]["fixed"],
        serde_json::json!([["puskemas", "puskesmas"]])
    );
    assert!(
        typo["loaded"]
            .as_array()
            .unwrap()
            .contains(&"kosakata/p".into())
    );
    let stems = &report["stems"];
    assert!(stems["checked"].as_u64() > Some(1000), "{stems}");
    assert_eq!(
        stems["wrong"],
        serde_json::json!([]),
        "stems not found where they are"
    );
}

/// `/cari/` in Chromium: a query from the address, then a word typed
/// letter by letter; a stem finds the post that has the inflected word.
#[test]
#[cfg_attr(warta_skip_browser, ignore = "WARTA_SKIP_BROWSER=1")]
fn search_page_answers_as_the_reader_types() {
    let node = crate::browser_tools::browser_tools();
    let site = Site::fixture("content-example");
    site.build_ok();
    let portable = site.path("portable");
    let run = site.run(&[
        "build",
        "--portable",
        "--output",
        portable.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let base = crate::browser::serve(site.path("public"));
    let out = Command::new(&node)
        .arg(repo().join("tests/browser/search.mjs"))
        .arg(&base)
        // The post says `pembangunan` and `dibangun`; neither is typed.
        .arg("bangun")
        .arg("membangun jalan")
        .arg("penipuan online,puskemas ,pelatihn ,menanam padi ,kopi robusta ")
        .arg("pemberdayaan warga")
        .arg(&portable)
        .output()
        .expect("node runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "search.mjs failed:\n{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("search.mjs printed no JSON ({e}):\n{stderr}"));
    const POST: &str = "Jalan Dusun Ngembul Kini Dibeton";
    let titles = |v: &Value| -> Vec<String> {
        v["results"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| r["title"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let from_url = &report["fromUrl"];
    assert_eq!(from_url["input"], "bangun", "?q= fills the box");
    assert!(
        titles(from_url).iter().any(|t| t.contains(POST)),
        "?q=bangun should find {POST:?}: {from_url}"
    );
    assert!(
        from_url["status"]
            .as_str()
            .is_some_and(|s| s.contains("hasil untuk “bangun”")),
        "{}",
        from_url["status"]
    );
    let first = &from_url["results"][0];
    assert!(
        first["href"]
            .as_str()
            .is_some_and(|h| h.starts_with("http://") && h.ends_with('/')),
        "result links are absolute on a host: {first}"
    );
    // Typing: an answer after every letter, the post found before the
    // word is finished, and still found with both words.
    let typing = report["typing"].as_array().expect("typing");
    assert_eq!(typing.len(), "membangun jalan".len());
    let found_at = typing
        .iter()
        .position(|s| titles(s).iter().any(|t| t.contains(POST)))
        .unwrap_or_else(|| panic!("typing never found {POST:?}: {typing:?}"));
    assert!(
        found_at < "membangun".len(),
        "found only after {:?}",
        typing[found_at]["typed"]
    );
    let last = typing.last().unwrap();
    let titles_last = titles(last);
    assert!(titles_last.iter().any(|t| t.contains(POST)), "{last}");
    assert!(
        last["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["marks"].as_array().is_some_and(|m| !m.is_empty())),
        "matched words are marked: {last}"
    );
    for s in typing {
        assert!(
            s["scrollWidth"].as_u64() <= s["clientWidth"].as_u64(),
            "wider than the phone after {:?}",
            s["typed"]
        );
    }
    assert!(
        report["address"]
            .as_str()
            .is_some_and(|a| a.ends_with("/cari/?q=membangun+jalan")),
        "the address keeps the query: {}",
        report["address"]
    );
    // The first result from nothing: the page, cari.js and the parts of
    // the index it needed, 20 KiB gzip at most (issue 15).
    let took = report["firstResult"].as_array().expect("firstResult");
    let ours: Vec<&Value> = took
        .iter()
        .filter(|f| f["kind"] == "document" || f["kind"] == "script")
        .collect();
    let bytes: u64 = ours.iter().map(|f| f["gzip"].as_u64().unwrap()).sum();
    let paths: Vec<&str> = ours.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(
        bytes <= 20 * 1024,
        "the first result took {bytes} bytes gzip: {paths:?}"
    );
    assert!(
        paths.contains(&"/cari/index.js") && paths.iter().any(|p| p.starts_with("/cari/kata/")),
        "{paths:?}"
    );
    assert_eq!(report["axe"], serde_json::json!([]), "axe with results");
    assert_eq!(report["errors"], serde_json::json!([]), "no script errors");
    assert!(
        report["opened"]["url"]
            .as_str()
            .is_some_and(|u| u.contains("/berita/")),
        "the first result opens: {}",
        report["opened"]
    );
    asked_and_answered(&report);
    let quiet = &report["noScript"];
    assert!(
        quiet["text"]
            .as_str()
            .is_some_and(|t| t.contains("memerlukan JavaScript"))
            && quiet["href"] == "/arsip/",
        "without JavaScript the page says so and links to the archive: {quiet}"
    );
}

/// Steps 6 to 8 of `search.mjs`: partial matches, typos, typing and
/// `file://`.
fn asked_and_answered(report: &Value) {
    let asked = |q: &str| -> (String, Vec<String>) {
        let r = &report["queries"][q];
        let titles = r["results"]
            .as_array()
            .unwrap_or_else(|| panic!("{q:?} not asked: {report}"))
            .iter()
            .map(|r| r["title"].as_str().unwrap_or_default().to_string())
            .collect();
        (r["status"].as_str().unwrap_or_default().to_string(), titles)
    };
    // No page has both words: those with one, said so.
    let (status, titles) = asked("penipuan online");
    assert!(
        status.starts_with("Tidak ada halaman yang memuat semua kata “penipuan online”.")
            && status.contains("memuat sebagian"),
        "{status}"
    );
    assert!(
        titles.iter().any(|t| t.contains("Judi Online")),
        "{titles:?}"
    );
    // One letter off a word of the site: its results, said so.
    for (typo, meant, title) in [
        ("puskemas ", "puskesmas", "Puskesmas Sumberwangi"),
        ("pelatihn ", "pelatihan", "Belajar Kemasan"),
    ] {
        let (status, titles) = asked(typo);
        assert!(
            status.starts_with(&format!(
                "Tidak ada yang persis cocok. Menampilkan hasil untuk “{meant}”"
            )),
            "{typo:?}: {status}"
        );
        assert!(
            titles.iter().any(|t| t.contains(title)),
            "{typo:?}: {titles:?}"
        );
    }
    // Ranking: the page about it first, not the newest that mentions it.
    let (_, titles) = asked("kopi robusta ");
    assert!(titles[0].contains("Kopi Robusta"), "{titles:?}");
    let (_, titles) = asked("menanam padi ");
    assert!(
        titles.iter().take(3).any(|t| t.contains("Padi")),
        "{titles:?}"
    );
    // Typing: no keystroke finds every page; once there are results, the
    // list never empties while the reader types on.
    let spelled = report["spelled"].as_array().expect("spelled");
    let counts: Vec<u64> = spelled
        .iter()
        .map(|s| s["count"].as_u64().unwrap())
        .collect();
    let first = counts
        .iter()
        .position(|&n| n > 0)
        .unwrap_or_else(|| panic!("typing found nothing: {spelled:?}"));
    assert!(
        counts[first..].iter().all(|&n| n > 0),
        "the list emptied while typing: {spelled:?}"
    );
    assert!(
        first >= "pember".len(),
        "found before the word meant anything: {spelled:?}"
    );
    let last = spelled.last().unwrap();
    assert!(
        last["first"]
            .as_str()
            .is_some_and(|t| t.contains("Berdaya")),
        "{last}"
    );
    // From disk: results, and the first one opens.
    let disk = &report["onDisk"];
    assert!(
        disk["results"].as_array().is_some_and(|r| !r.is_empty()),
        "nothing found on file://: {disk}"
    );
    assert!(
        disk["opened"]["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("file://") && u.ends_with("index.html")),
        "{disk}"
    );
    assert!(
        disk["typo"]["status"]
            .as_str()
            .is_some_and(|s| s.contains("Menampilkan hasil untuk “puskesmas”")),
        "a typo on file://: {}",
        disk["typo"]
    );
    assert_eq!(disk["errors"], serde_json::json!([]), "{disk}");
}
