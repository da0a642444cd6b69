//! docs/ARCHITECTURE.md stays true of the code: every file it names
//! exists, and its worked example (the `/arsip/` kind) is the code of
//! `src/render/lists.rs`, as it is there.

use crate::support::repo;

fn architecture() -> String {
    std::fs::read_to_string(repo().join("docs/ARCHITECTURE.md")).expect("docs/ARCHITECTURE.md")
}

/// The code spans of `text` that look like a path of the repository.
fn named_paths(text: &str) -> Vec<&str> {
    const ROOTS: [&str; 4] = ["src/", "tests/", "themes/", "docs/"];
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| ROOTS.iter().any(|r| span.starts_with(r)))
        .filter(|span| !span.contains(' '))
        .collect()
}

#[test]
fn every_file_the_architecture_names_exists() {
    let doc = architecture();
    let named = named_paths(&doc);
    assert!(named.len() > 20, "only {} paths found", named.len());
    let missing: Vec<&str> = named
        .into_iter()
        .filter(|p| !repo().join(p).exists())
        .collect();
    assert!(
        missing.is_empty(),
        "named in docs/ARCHITECTURE.md, missing: {missing:?}"
    );
}

/// The Rust blocks of `text`, each without its common indentation.
fn rust_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(indent) = line.strip_suffix("```rust").map(str::len) else {
            continue;
        };
        let block: Vec<&str> = lines
            .by_ref()
            .take_while(|l| l.trim() != "```")
            .map(|l| l.get(indent..).unwrap_or(""))
            .collect();
        blocks.push(block.join("\n"));
    }
    blocks
}

#[test]
fn the_worked_example_is_the_archive_kind_as_written() {
    let source = std::fs::read_to_string(repo().join("src/render/lists.rs")).unwrap();
    let blocks = rust_blocks(&architecture());
    assert!(blocks.len() >= 3, "{} Rust blocks", blocks.len());
    for block in blocks {
        // A block that leaves a body out (`/* … */`) is checked line by line.
        let stale: Vec<&str> = if block.contains("/*") {
            let lines = block
                .lines()
                .filter(|l| !l.contains("/*") && !l.trim().is_empty());
            lines.filter(|l| !source.contains(l.trim())).collect()
        } else if source.contains(&block) {
            Vec::new()
        } else {
            vec![block.as_str()]
        };
        assert!(
            stale.is_empty(),
            "not in src/render/lists.rs as written:\n{stale:#?}"
        );
    }
}
