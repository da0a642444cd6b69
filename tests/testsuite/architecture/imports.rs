//! No circle between the top-level modules of `src/`: which module a
//! file belongs to, which modules its code names through `crate::` (in
//! `use` lines and in paths), and the strongly connected groups of that
//! graph, each named with its shortest circle and the files that make its
//! imports. Unit tests (`#[cfg(test)] mod …`, `tests.rs`, `tests/`) do not
//! count: a test may build a whole site to check one stage.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::{SAMPLE, code_only, is_ident, leading_ident, matching_brace, read, source_files};
use crate::support::repo;

/// The top-level module a file of `src/` belongs to (`src/load/gallery.rs`
/// and `src/load.rs` both belong to `load`); `None` for the crate root.
fn top_module(rel: &Path) -> Option<String> {
    let mut parts = rel.strip_prefix("src").ok()?.components();
    let first = parts.next()?.as_os_str().to_str()?;
    match first.strip_suffix(".rs") {
        Some("lib" | "main") => None,
        Some(name) => Some(name.to_string()),
        None => Some(first.to_string()),
    }
}

/// The top-level modules a file's code names through `crate::`, in
/// `use crate::x…`, `use crate::{x, y::z}` and paths like `crate::x::f()`.
fn crate_imports(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        if at > 0 && is_ident(code.as_bytes()[at - 1]) {
            continue; // `mycrate::`, not `crate::`
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..matching_brace(group)];
            found.extend(top_level_names(inner));
        } else {
            found.extend(leading_ident(rest));
        }
    }
    found
}

/// In `x, y::{a, b}, z::c` (a `use crate::{…}` group): `x`, `y`, `z`.
fn top_level_names(group: &str) -> Vec<String> {
    let mut names = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in group.char_indices().chain([(group.len(), ',')]) {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.extend(leading_ident(&group[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    names
}

/// Which top-level module imports which others (never itself), and for
/// each import the first file that makes it.
type Graph = BTreeMap<String, BTreeMap<String, PathBuf>>;

fn module_graph() -> Graph {
    let mut graph = Graph::new();
    for rel in source_files() {
        let Some(module) = top_module(&rel) else {
            continue;
        };
        let uses = graph.entry(module.clone()).or_default();
        if is_test_file(&rel) {
            continue;
        }
        for used in crate_imports(&without_test_modules(&code_only(&read(&rel)))) {
            // `crate::text!` and other macros at the crate root are no
            // modules.
            if used != module && is_module(&used) {
                uses.entry(used).or_insert_with(|| rel.clone());
            }
        }
    }
    graph
}

/// A file of unit tests (`src/format/tests.rs`, `src/load/profile/tests/…`):
/// tests may build a whole site to check one stage, which is no import of
/// the stage's own.
fn is_test_file(rel: &Path) -> bool {
    rel.iter().any(|c| c == "tests" || c == "tests.rs")
}

/// `code` without its `#[cfg(test)] mod … { … }` blocks (see
/// [`is_test_file`]).
fn without_test_modules(code: &str) -> String {
    let mut out = code.to_string();
    for (at, _) in code.match_indices("#[cfg(test)]") {
        let rest = code[at + "#[cfg(test)]".len()..].trim_start();
        let Some(open) = rest
            .strip_prefix("mod ")
            .and_then(|m| m.find(['{', ';']))
            .filter(|&n| rest.as_bytes()[4 + n] == b'{')
        else {
            continue;
        };
        let start = code.len() - rest.len() + 4 + open + 1;
        let end = start + matching_brace(&code[start..]);
        out.replace_range(start..end, &" ".repeat(end - start));
    }
    out
}

fn is_module(name: &str) -> bool {
    let src = repo().join("src");
    src.join(name).is_dir() || src.join(format!("{name}.rs")).is_file()
}

/// The groups of modules that import each other in a circle (the strongly
/// connected components with more than one module), each written as its
/// shortest circle through its first module and the imports inside it
/// (any of which may be the one to cut), with the file that makes each.
fn circles(graph: &Graph) -> Vec<String> {
    let reaches = |from: &str| {
        let mut seen = BTreeSet::from([from.to_string()]);
        let mut todo = vec![from.to_string()];
        while let Some(m) = todo.pop() {
            for next in graph.get(&m).into_iter().flat_map(BTreeMap::keys) {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let mut done = BTreeSet::new();
    let mut found = Vec::new();
    for m in graph.keys() {
        if done.contains(m) {
            continue;
        }
        let group: BTreeSet<String> = reaches(m)
            .into_iter()
            .filter(|other| reaches(other).contains(m))
            .collect();
        done.extend(group.iter().cloned());
        if group.len() < 2 {
            continue;
        }
        let inside: Vec<String> = group
            .iter()
            .flat_map(|a| graph[a].iter().map(move |(b, file)| (a, b, file)))
            .filter(|(_, b, _)| group.contains(*b))
            .map(|(a, b, file)| format!("{a} -> {b} ({})", file.display()))
            .collect();
        found.push(format!(
            "{}\n    imports inside it: {}",
            shortest_circle(graph, m, &group),
            inside.join(", ")
        ));
    }
    found
}

/// A breadth-first search from `start` back to itself within `group`.
fn shortest_circle(graph: &Graph, start: &str, group: &BTreeSet<String>) -> String {
    let mut came_from: BTreeMap<String, String> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start.to_string()]);
    while let Some(m) = queue.pop_front() {
        for next in graph[&m].keys().filter(|n| group.contains(*n)) {
            if next == start {
                let mut path = vec![m.clone()];
                while let Some(prev) = came_from.get(path.last().unwrap()) {
                    path.push(prev.clone());
                }
                path.reverse();
                path.push(start.to_string());
                return path.join(" -> ");
            }
            if next != start && !came_from.contains_key(next) {
                came_from.insert(next.clone(), m.clone());
                queue.push_back(next.clone());
            }
        }
    }
    unreachable!("{start} is in a circle")
}

#[test]
fn the_top_level_modules_import_each_other_without_a_circle() {
    let graph = module_graph();
    assert!(
        graph.len() > 10 && graph["site"].contains_key("render"),
        "the scanner found too little: {graph:?}"
    );
    let circles = circles(&graph);
    assert!(
        circles.is_empty(),
        "the modules of src/ import each other in a circle (a later stage reaches back into an \
         earlier one); move the shared piece into the module that comes first:\n  {}",
        circles.join("\n  ")
    );
}

#[test]
fn the_scanner_finds_the_modules_a_file_imports() {
    assert_eq!(
        crate_imports(&code_only(SAMPLE)),
        ["diag", "load", "output", "text"]
            .map(String::from)
            .into_iter()
            .collect::<BTreeSet<_>>()
    );
    let with_tests = "use crate::diag;\n#[cfg(test)]\nmod tests {\n    use crate::site;\n}\n";
    assert_eq!(
        crate_imports(&without_test_modules(&code_only(with_tests))),
        BTreeSet::from(["diag".to_string()])
    );
    assert!(is_test_file(Path::new("src/load/profile/tests/mod.rs")));
    assert!(is_test_file(Path::new("src/format/tests.rs")));
    assert!(!is_test_file(Path::new("src/format.rs")));
    assert_eq!(
        top_module(Path::new("src/load/gallery.rs")).as_deref(),
        Some("load")
    );
    assert_eq!(top_module(Path::new("src/fsx.rs")).as_deref(), Some("fsx"));
    assert_eq!(top_module(Path::new("src/lib.rs")), None);
}

#[test]
fn a_circle_is_named_once_with_the_files_that_make_it() {
    let graph: Graph = [
        ("cli", &["serve", "diag"][..]),
        ("serve", &["cli", "diag"]),
        ("diag", &[]),
    ]
    .into_iter()
    .map(|(m, uses)| {
        let file = |u: &str| PathBuf::from(format!("src/{m}/{u}.rs"));
        (
            m.into(),
            uses.iter().map(|&u| (u.into(), file(u))).collect(),
        )
    })
    .collect();
    assert_eq!(
        circles(&graph),
        ["cli -> serve -> cli\n    imports inside it: \
          cli -> serve (src/cli/serve.rs), serve -> cli (src/serve/cli.rs)"]
    );
}
