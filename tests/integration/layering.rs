//! The shape of the code: data walks one way through the pipeline (capture → decode → knowledge →
//! observers → i18n → explain → render), and no two top-level modules of src/ use each other,
//! directly or round a longer loop. Read from the source: every `crate::module` a file names,
//! including the names inside grouped imports (`use crate::{decode, flows}`).

use crate::helpers::root;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The pipeline's stages, earliest first: a stage may use only stages before it. Modules not
/// listed (cli, run, demo, doctor, progress, replay, …) stand beside the pipeline and are only
/// required to make no cycle.
const PIPELINE: &[&[&str]] = &[
    &["lang", "sanitize", "format", "stop"],
    &["privileges"],
    &["capture"],
    // The unit tests' shared fixtures (compiled for tests only): raw frames and sample files,
    // usable by the tests of every later stage.
    &["test_fixtures"],
    &["decode"],
    &["knowledge"],
    &["flows", "procs", "statistics"],
    &["i18n"],
    &["explain"],
    &["render"],
];

/// Top-level module name → the top-level modules its files name.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut modules = BTreeSet::new();
    for entry in std::fs::read_dir(src).expect("src/ can be listed") {
        let path = entry.expect("entry").path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let module = path.is_dir() || path.extension().is_some_and(|e| e == "rs");
        if module && name != "lib" && name != "main" {
            modules.insert(name);
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = Vec::new();
    collect_rust_files(src, &mut files);
    for file in files {
        let relative = file.strip_prefix(src).unwrap();
        let first = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let owner = first.trim_end_matches(".rs").to_string();
        if !modules.contains(&owner) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("a source file");
        let uses = graph.entry(owner.clone()).or_default();
        for named in crate_paths(&text) {
            if named != owner && modules.contains(&named) {
                uses.insert(named);
            }
        }
    }
    graph
}

fn collect_rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect_rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The first path segment after every `crate::` in `text`, and each name directly inside a
/// `crate::{…}` group.
fn crate_paths(text: &str) -> Vec<String> {
    let identifier = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if c.is_whitespace() => {}
                    _ if start && depth == 0 => {
                        names.push(identifier(&group[i..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            names.push(identifier(rest));
        }
    }
    names
}

/// A cycle in `graph`, as the modules round it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

fn stage_of(module: &str) -> Option<usize> {
    PIPELINE.iter().position(|stage| stage.contains(&module))
}

#[test]
fn data_walks_one_way_and_no_modules_use_each_other() {
    let graph = module_graph(&root().join("src"));
    for stage in PIPELINE.iter().flat_map(|s| s.iter()) {
        assert!(
            graph.contains_key(*stage),
            "src/ has no module {stage}: update PIPELINE in this test when a module is renamed"
        );
    }
    let backwards: Vec<String> = graph
        .iter()
        .flat_map(|(from, uses)| uses.iter().map(move |to| (from, to)))
        .filter(|(from, to)| match (stage_of(from), stage_of(to)) {
            (Some(from), Some(to)) => to >= from,
            _ => false,
        })
        .map(|(from, to)| format!("{from} uses {to}"))
        .collect();
    assert!(
        backwards.is_empty(),
        "data must walk one way (see docs/architecture.md), but {}",
        backwards.join(", ")
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!("top-level modules use each other: {}", cycle.join(" → "));
    }
}

/// The checker itself sees grouped imports, paths in expressions, and cycles round three modules.
#[test]
fn the_checker_sees_what_it_must() {
    let names = crate_paths(
        "use crate::{decode::{self, Header}, flows};\nlet x = crate::procs::lookup();\n",
    );
    assert_eq!(names, ["decode", "flows", "procs"]);
    let graph: BTreeMap<String, BTreeSet<String>> = [("a", "b"), ("b", "c"), ("c", "a")]
        .into_iter()
        .map(|(from, to)| (from.to_string(), BTreeSet::from([to.to_string()])))
        .collect();
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let mut acyclic = graph.clone();
    acyclic.get_mut("c").unwrap().clear();
    assert_eq!(find_cycle(&acyclic), None);
}
