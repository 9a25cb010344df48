//! The module structure of `src/`: no two files import each other, directly or around a
//! circle.
//!
//! Every `crate::`, `super::` and `self::` path of a file (in `use` items and in code alike),
//! and every `use` of a child module by its bare name, is read as an edge from that file to
//! the file of the module the path names. A path that names an item re-exported by a module
//! file (`pub use`) is followed to the file the item comes from, so importing `crate::dsl::Expr`
//! counts as importing `dsl/expr`, not `dsl/mod.rs`. A parent's re-exports of its own
//! children are no edges: that is how a parent lays out its public face.
//!
//! A second test keeps the layers in order: nothing imports a layer above its own.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// A module path from the crate root: `["dsl", "clause", "call"]`.
type ModPath = Vec<String>;

/// One source file and the module it is.
struct File {
    module: ModPath,
    path: PathBuf,
    ast: syn::File,
}

fn read_files(root: &Path) -> Vec<File> {
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort_by(|a, b| a.module.cmp(&b.module));
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<File>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(root, &path, out);
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let relative = path.strip_prefix(root).expect("below the root");
        let mut module: ModPath = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let last = module.pop().expect("a file name");
        match last.as_str() {
            "lib.rs" | "main.rs" if module.is_empty() => {}
            "mod.rs" => {}
            other => module.push(other.trim_end_matches(".rs").to_owned()),
        }
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        let ast = syn::parse_file(&text)
            .unwrap_or_else(|e| panic!("cannot parse {}: {e}", path.display()));
        out.push(File {
            module,
            path: relative.to_owned(),
            ast,
        });
    }
}

/// A path as written, with where it was written.
struct Written {
    /// The inline module the path stands in, from the crate root.
    at: ModPath,
    segments: Vec<String>,
    /// Whether it is a `pub use` (a re-export).
    reexport: bool,
}

/// Collects the paths of one file.
struct Paths {
    at: ModPath,
    found: Vec<Written>,
    /// `pub use` items: (module they stand in, name they export, the full path they name).
    reexports: Vec<(ModPath, String, Vec<String>)>,
}

impl Paths {
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree, public: bool) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree, public);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.used(prefix, &n.ident.to_string(), None, public),
            syn::UseTree::Rename(r) => {
                let alias = r.rename.to_string();
                self.used(prefix, &r.ident.to_string(), Some(alias), public)
            }
            syn::UseTree::Glob(_) => self.used(prefix, "*", None, public),
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(prefix, tree, public);
                }
            }
        }
    }

    fn used(&mut self, prefix: &[String], name: &str, alias: Option<String>, public: bool) {
        let mut segments = prefix.to_vec();
        if name != "self" {
            segments.push(name.to_owned());
        }
        if public && name != "*" {
            let exported = alias.unwrap_or_else(|| segments.last().cloned().unwrap_or_default());
            self.reexports
                .push((self.at.clone(), exported, segments.clone()));
        }
        self.found.push(Written {
            at: self.at.clone(),
            segments,
            reexport: public,
        });
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.at.push(item.ident.to_string());
        syn::visit::visit_item_mod(self, item);
        self.at.pop();
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let public = !matches!(item.vis, syn::Visibility::Inherited);
        self.use_tree(&mut Vec::new(), &item.tree, public);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if matches!(
            segments.first().map(String::as_str),
            Some("crate" | "super" | "self")
        ) {
            self.found.push(Written {
                at: self.at.clone(),
                segments,
                reexport: false,
            });
        }
        syn::visit::visit_path(self, path);
    }
}

/// The crate's modules and what they re-export.
struct Crate {
    files: BTreeMap<ModPath, PathBuf>,
    /// Inline modules (`mod tests { .. }`), each with the file it stands in.
    inline: BTreeMap<ModPath, PathBuf>,
    reexports: BTreeMap<(ModPath, String), Vec<String>>,
}

impl Crate {
    /// The file a module path is written in.
    fn file_of(&self, module: &[String]) -> Option<&PathBuf> {
        self.files.get(module).or_else(|| self.inline.get(module))
    }

    /// The absolute segments of `segments` written in module `at`, if they start at the
    /// crate, `super`, `self` or a child module of `at`.
    fn absolute(&self, at: &[String], segments: &[String]) -> Option<Vec<String>> {
        let mut base = at.to_vec();
        let mut rest = segments;
        match rest.first().map(String::as_str) {
            Some("crate") => {
                base.clear();
                rest = &rest[1..];
            }
            Some("self") => rest = &rest[1..],
            Some("super") => {
                while rest.first().map(String::as_str) == Some("super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
            }
            Some(first) => {
                let mut child = at.to_vec();
                child.push(first.to_owned());
                self.file_of(&child)?;
            }
            None => return None,
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The file an absolute path leads to, following re-exports.
    fn resolve(&self, absolute: &[String], depth: usize) -> Option<PathBuf> {
        let mut module = absolute.to_vec();
        let mut item = Vec::new();
        while self.file_of(&module).is_none() {
            item.insert(0, module.pop()?);
        }
        if let (Some(name), true) = (item.first(), depth < 8) {
            if let Some(target) = self.reexports.get(&(module.clone(), name.clone())) {
                if let Some(target) = self.absolute(&module, target) {
                    let mut followed = target;
                    followed.extend(item[1..].iter().cloned());
                    if followed.as_slice() != absolute {
                        if let Some(file) = self.resolve(&followed, depth + 1) {
                            return Some(file);
                        }
                    }
                }
            }
        }
        self.file_of(&module).cloned()
    }
}

/// The import edges between the files of `src/`, each with the paths that make it.
fn edges(root: &Path) -> BTreeMap<(PathBuf, PathBuf), BTreeSet<String>> {
    let files = read_files(root);
    let mut krate = Crate {
        files: files
            .iter()
            .map(|f| (f.module.clone(), f.path.clone()))
            .collect(),
        inline: BTreeMap::new(),
        reexports: BTreeMap::new(),
    };
    let mut written = Vec::new();
    for file in &files {
        let mut paths = Paths {
            at: file.module.clone(),
            found: Vec::new(),
            reexports: Vec::new(),
        };
        paths.visit_file(&file.ast);
        for path in &paths.found {
            if !krate.files.contains_key(&path.at) {
                krate.inline.insert(path.at.clone(), file.path.clone());
            }
        }
        for (at, name, target) in paths.reexports {
            krate.reexports.insert((at, name), target);
        }
        written.push((file, paths.found));
    }
    let mut out: BTreeMap<(PathBuf, PathBuf), BTreeSet<String>> = BTreeMap::new();
    for (file, found) in written {
        for path in found {
            let Some(absolute) = krate.absolute(&path.at, &path.segments) else {
                continue;
            };
            // A parent's re-export of its own descendant lays out its face; it is no edge.
            if path.reexport && absolute.starts_with(&file.module) {
                continue;
            }
            let Some(target) = krate.resolve(&absolute, 0) else {
                continue;
            };
            if target != file.path {
                out.entry((file.path.clone(), target))
                    .or_default()
                    .insert(path.segments.join("::"));
            }
        }
    }
    out
}

/// The strongly connected groups of more than one file (Tarjan's algorithm).
fn circles(edges: &BTreeMap<(PathBuf, PathBuf), BTreeSet<String>>) -> Vec<Vec<PathBuf>> {
    let mut graph: BTreeMap<&PathBuf, Vec<&PathBuf>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        graph.entry(from).or_default().push(to);
        graph.entry(to).or_default();
    }
    struct Tarjan<'g> {
        graph: &'g BTreeMap<&'g PathBuf, Vec<&'g PathBuf>>,
        index: BTreeMap<&'g PathBuf, usize>,
        low: BTreeMap<&'g PathBuf, usize>,
        stack: Vec<&'g PathBuf>,
        on_stack: BTreeSet<&'g PathBuf>,
        out: Vec<Vec<PathBuf>>,
    }
    impl<'g> Tarjan<'g> {
        fn visit(&mut self, node: &'g PathBuf) {
            let n = self.index.len();
            self.index.insert(node, n);
            self.low.insert(node, n);
            self.stack.push(node);
            self.on_stack.insert(node);
            for &next in &self.graph[node] {
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.on_stack.contains(next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut group = Vec::new();
                while let Some(top) = self.stack.pop() {
                    self.on_stack.remove(top);
                    group.push(top.clone());
                    if top == node {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.out.push(group);
                }
            }
        }
    }
    let mut tarjan = Tarjan {
        graph: &graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for node in graph.keys() {
        if !tarjan.index.contains_key(node) {
            tarjan.visit(node);
        }
    }
    tarjan.out
}

fn describe(circle: &[PathBuf], edges: &BTreeMap<(PathBuf, PathBuf), BTreeSet<String>>) -> String {
    let inside: BTreeSet<&PathBuf> = circle.iter().collect();
    let mut text = format!("a circle of {} files:\n", circle.len());
    for ((from, to), paths) in edges {
        if inside.contains(from) && inside.contains(to) {
            let paths: Vec<&str> = paths.iter().map(String::as_str).take(3).collect();
            text += &format!(
                "  {} -> {}: {}\n",
                from.display(),
                to.display(),
                paths.join(", ")
            );
        }
    }
    text
}

#[test]
fn no_module_imports_another_around_a_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = edges(&root);
    assert!(
        edges.len() > 50,
        "the reader found only {} edges: it no longer reads the imports",
        edges.len()
    );
    let circles = circles(&edges);
    let report: String = circles.iter().map(|c| describe(c, &edges)).collect();
    assert!(
        circles.is_empty(),
        "files import each other around a circle:\n{report}"
    );
}

/// The layers, bottom up: a file may import its own layer and those below it, never one
/// above; the OGM, the schema tools and the blocking client sit side by side and do not
/// import each other.
const LAYERS: &[(&str, u8)] = &[
    ("schema", 0),
    ("dsl", 1),
    ("exec", 2),
    ("ogm", 3),
    ("schema_tools", 3),
    ("blocking.rs", 3),
    ("error.rs", 4),
];

/// The layer of a file of `src/`, by its top folder (`lib.rs`, the root, has none).
fn layer(file: &Path) -> Option<(&'static str, u8)> {
    let top = file.components().next()?.as_os_str().to_str()?;
    LAYERS.iter().copied().find(|(name, _)| *name == top)
}

#[test]
fn nothing_imports_a_layer_above_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut upward = Vec::new();
    for ((from, to), paths) in edges(&root) {
        let (Some((from_layer, from_rank)), Some((to_layer, to_rank))) = (layer(&from), layer(&to))
        else {
            continue;
        };
        if to_rank > from_rank || (to_rank == from_rank && from_layer != to_layer) {
            upward.push(format!(
                "{} -> {}: {}",
                from.display(),
                to.display(),
                paths.iter().cloned().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    assert!(
        upward.is_empty(),
        "these imports go up a layer (schema < dsl < exec < ogm, schema_tools < error):\n{}",
        upward.join("\n")
    );
}

/// The reader itself: re-exports are followed, a parent's face is no edge, and a circle of
/// two files is found.
#[test]
fn the_reader_follows_reexports_and_finds_circles() {
    let dir = std::env::temp_dir().join(format!("typher-architecture-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("a")).unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    write("lib.rs", "pub mod a;\npub mod b;\npub mod c;\n");
    write(
        "a/mod.rs",
        "mod inner;\npub use inner::Thing;\npub fn f() {}\n",
    );
    write("a/inner.rs", "pub struct Thing(crate::b::B);\n");
    write("b.rs", "use crate::a::Thing;\npub struct B;\n");
    write("c.rs", "pub fn g() { crate::a::f() }\n");
    let edges = edges(&dir);
    let pairs: Vec<(String, String)> = edges
        .keys()
        .map(|(a, b)| (a.display().to_string(), b.display().to_string()))
        .collect();
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        pairs,
        vec![
            pair("a/inner.rs", "b.rs"),
            pair("b.rs", "a/inner.rs"),
            pair("c.rs", "a/mod.rs"),
        ]
    );
    let circles = circles(&edges);
    assert_eq!(
        circles,
        vec![vec![PathBuf::from("a/inner.rs"), PathBuf::from("b.rs")]]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every node of the query tree is built through `dsl::ast::build`: outside `dsl/ast/`, no
/// file writes a struct literal of a tree type (`MatchClause { .. }`, `SetItem::Whole { .. }`),
/// so a change to a node's fields changes the tree, its constructors and the renderer only.
#[test]
fn the_query_tree_is_built_only_through_its_constructors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let tree_file = root.join("dsl/ast/mod.rs");
    let tree: syn::File = syn::parse_file(&std::fs::read_to_string(&tree_file).unwrap()).unwrap();
    let names: BTreeSet<String> = tree
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            syn::Item::Enum(e) => Some(e.ident.to_string()),
            _ => None,
        })
        .collect();
    assert!(names.contains("MatchClause") && names.contains("ExprKind"));

    struct Literals<'n> {
        names: &'n BTreeSet<String>,
        found: Vec<String>,
    }
    impl<'ast> Visit<'ast> for Literals<'_> {
        fn visit_expr_struct(&mut self, node: &'ast syn::ExprStruct) {
            let segments: Vec<String> = node
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            if segments.iter().any(|s| self.names.contains(s)) {
                self.found.push(segments.join("::"));
            }
            syn::visit::visit_expr_struct(self, node);
        }
    }
    let mut offending = Vec::new();
    for file in read_files(&root) {
        if file.path.starts_with("dsl/ast") {
            continue;
        }
        let mut literals = Literals {
            names: &names,
            found: Vec::new(),
        };
        literals.visit_file(&file.ast);
        for found in literals.found {
            offending.push(format!("{}: {found} {{ .. }}", file.path.display()));
        }
    }
    assert!(
        offending.is_empty(),
        "these build query-tree nodes field by field; use `dsl::ast::build`:\n{}",
        offending.join("\n")
    );
}
