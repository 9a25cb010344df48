//! `embed_migrations!("dir")`: the `.cypher` files of a migrations folder, built into the
//! binary.

use proc_macro2::TokenStream;
use quote::quote;
use std::path::PathBuf;

/// Whether `file` is named as a migration: `V<digits>__<name>.cypher`, or `.up.cypher` /
/// `.down.cypher` (the rule `Migrations::from_files` applies at run time).
pub fn is_migration_name(file: &str) -> bool {
    let Some(stem) = file.strip_suffix(".cypher") else {
        return false;
    };
    let stem = stem
        .strip_suffix(".up")
        .or_else(|| stem.strip_suffix(".down"))
        .unwrap_or(stem);
    stem.strip_prefix('V')
        .and_then(|s| s.split_once("__"))
        .is_some_and(|(v, name)| {
            !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) && !name.is_empty()
        })
}

pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let dir: syn::LitStr = syn::parse2(input)?;
    let root = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from);
    let path = root.join(dir.value());
    let entries = std::fs::read_dir(&path).map_err(|e| {
        syn::Error::new(
            dir.span(),
            format!("cannot read the migrations folder {}: {e}", path.display()),
        )
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| syn::Error::new(dir.span(), e.to_string()))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if !name.ends_with(".cypher") {
            continue;
        }
        if !is_migration_name(&name) {
            return Err(syn::Error::new(
                dir.span(),
                format!(
                    "migration file {name} is not named V<version>__<name>.cypher \
                     (or .up.cypher and .down.cypher)"
                ),
            ));
        }
        let full = entry.path();
        let full = full.to_str().ok_or_else(|| {
            syn::Error::new(dir.span(), format!("{} is no UTF-8 path", full.display()))
        })?;
        files.push((name, full.to_owned()));
    }
    files.sort();
    let entries = files
        .iter()
        .map(|(name, full)| quote! { (#name, ::core::include_str!(#full)) });
    Ok(quote! {
        ::typher::schema_tools::Migrations::embedded(&[#(#entries),*])
    })
}

#[cfg(test)]
mod tests {
    use super::is_migration_name;

    #[test]
    fn migration_names_follow_the_run_time_rule() {
        assert!(is_migration_name("V1__people.cypher"));
        assert!(is_migration_name("V20261204120000__add_index.up.cypher"));
        assert!(is_migration_name("V3__x.down.cypher"));
        assert!(!is_migration_name("V__x.cypher"));
        assert!(!is_migration_name("1__x.cypher"));
        assert!(!is_migration_name("V1_x.cypher"));
        assert!(!is_migration_name("V1__.cypher"));
        assert!(!is_migration_name("V1__x.sql"));
    }
}
