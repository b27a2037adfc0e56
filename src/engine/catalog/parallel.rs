//! Loading many catalog files at once, shared among the machine's cores.

use std::sync::Arc;

use super::Catalog;
use super::load::load_catalog;
use crate::engine::{Diagnostic, Diagnostics, SourceFile};

/// Below this many bytes of catalogs, one thread parses them all sooner than several start.
const PARALLEL_BYTES: usize = 64 * 1024;

/// Loads each file, in the order given. Parsing TOML is nearly all the time it takes to load a
/// few hundred models, and files are independent, so a large set is shared among the machine's
/// cores: the largest files first, each to the least loaded thread.
pub(super) fn load_each(files: &[Arc<SourceFile>]) -> Vec<Result<Catalog, Diagnostics>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(files.len());
    let total: usize = files.iter().map(|f| f.text().len()).sum();
    if threads < 2 || total < PARALLEL_BYTES {
        return files.iter().map(load_catalog).collect();
    }
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(files[i].text().len()));
    let mut shares: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); threads];
    for i in order {
        if let Some(least) = shares.iter_mut().min_by_key(|share| share.0) {
            least.0 = least.0.saturating_add(files[i].text().len());
            least.1.push(i);
        }
    }
    let load_share = |share: &[usize]| -> Vec<(usize, Result<Catalog, Diagnostics>)> {
        share.iter().map(|&i| (i, load_catalog(&files[i]))).collect()
    };
    let mut done = Vec::with_capacity(files.len());
    std::thread::scope(|scope| {
        let mut spawned = Vec::new();
        for (_, share) in shares.iter().skip(1) {
            match std::thread::Builder::new().spawn_scoped(scope, || load_share(share)) {
                Ok(handle) => spawned.push(handle),
                Err(_) => done.extend(load_share(share)),
            }
        }
        done.extend(shares.first().map(|(_, share)| load_share(share)).unwrap_or_default());
        for handle in spawned {
            done.extend(handle.join().unwrap_or_default());
        }
    });
    let mut results: Vec<Option<Result<Catalog, Diagnostics>>> = files.iter().map(|_| None).collect();
    for (i, loaded) in done {
        results[i] = Some(loaded);
    }
    results
        .into_iter()
        .zip(files)
        .map(|(loaded, file)| {
            loaded.unwrap_or_else(|| Err(Diagnostic::file_error(file.path(), "the catalog could not be loaded").into()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_set_loads_in_the_order_given_with_its_errors() {
        let model = |i: usize| {
            format!(
                "[[model]]\nid = \"m/{i}\"\nkind = \"image\"\nunit = \"image\"\nprice = 0.01\nnote = \"{}\"\n\n",
                "x".repeat(200)
            )
        };
        let files: Vec<Arc<SourceFile>> = (0..40)
            .map(|f| {
                let models: String = (0..10).map(|m| model(f * 10 + m)).collect();
                let price = if f == 17 { "-1" } else { "0.01" };
                let text = format!(
                    "provider = \"P{f}\"\ncurrency = \"USD\"\n\n{}",
                    models.replacen("price = 0.01", &format!("price = {price}"), 1)
                );
                SourceFile::new(format!("c{f}.toml"), text)
            })
            .collect();
        assert!(files.iter().map(|f| f.text().len()).sum::<usize>() > PARALLEL_BYTES);
        let loaded = load_each(&files);
        assert_eq!(loaded.len(), 40);
        for (i, result) in loaded.iter().enumerate() {
            match result {
                Ok(catalog) => assert_eq!(catalog.path, format!("c{i}.toml")),
                Err(errors) => {
                    assert_eq!(i, 17);
                    assert!(errors.0[0].message.contains("cannot be negative"), "{:?}", errors.0[0]);
                }
            }
        }
    }
}
