//! Cluster profiles: the virtual nodes a scenario's difficulty depends on. One JSON file per
//! profile in `scenarios/profiles/NAME.json` is the single source of truth: this module reads it
//! for the planner and `check_profile`, and `scripts/testcluster up --profile NAME` renders the
//! same file into Node objects.

use std::path::{Path, PathBuf};

use super::fields::{Obj, bad, read_json};
use crate::error::{Error, Result};
use crate::trace::quantity::Resource;

pub use crate::cluster::nodes::{Profile, Taint};

const EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/// Where the suites and profiles are: `$SKSTEP_SCENARIOS`, else `./scenarios` when it holds
/// `profiles/`, else the repository this binary was built from.
pub fn scenarios_root() -> PathBuf {
    if let Some(d) = std::env::var_os("SKSTEP_SCENARIOS") {
        return PathBuf::from(d);
    }
    let here = PathBuf::from("scenarios");
    if here.join("profiles").is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

pub fn profiles_dir() -> PathBuf {
    scenarios_root().join("profiles")
}

/// The names of the profiles that exist.
pub fn names() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(profiles_dir())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".json").map(String::from))
        .collect();
    v.sort();
    v
}

/// The profile called `name` (a file `scenarios/profiles/NAME.json`).
pub fn profile(name: &str) -> Result<Profile> {
    let ok = !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let file = profiles_dir().join(format!("{name}.json"));
    if !ok || !file.is_file() {
        return Err(Error::bad_input(
            format!("there is no cluster profile {name:?} (looked for {})", file.display()),
            Some(format!("use one of: {}", names().join(", "))),
        ));
    }
    load_profile(&file)
}

pub fn load_profile(file: &Path) -> Result<Profile> {
    let doc = read_json(file)?;
    let mut o = Obj::root(file, &doc)?;
    let name = o.string("name")?;
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    if name != stem {
        return Err(o.err(
            "name",
            format!("is {name:?} but the file is {stem}.json"),
            "name the file after the profile",
        ));
    }
    let description = o.string("description")?;
    o.opt_string("provenance")?;
    let virtual_nodes = o.uint("virtual_nodes", 1, 1000)? as u32;
    let cpu_m = o.quantity("cpu", Resource::Cpu)?;
    let memory_bytes = o.quantity("memory", Resource::Memory)?;
    let pods = o.uint("pods", 1, 1_000_000)? as u32;
    let mut taints = vec![];
    for (path, v) in o.array("taints")? {
        let mut t = o.item(path, v)?;
        let key = t.string("key")?;
        let value = t.opt_string("value")?;
        let effect = t.string("effect")?;
        if !EFFECTS.contains(&effect.as_str()) {
            return Err(t.err("effect", format!("is {effect:?}"), format!("use one of {}", EFFECTS.join(", "))));
        }
        t.finish()?;
        taints.push(Taint { key, value, effect });
    }
    o.finish()?;
    if cpu_m > i128::from(u32::MAX) * 1000 || memory_bytes > 1 << 60 {
        return Err(bad(file, "cpu", "is too large", "keep a node under 4 million CPUs and 1 EiB"));
    }
    Ok(Profile { name, description, virtual_nodes, cpu_m, memory_bytes, pods, taints, source: file.to_path_buf() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profiles_load_and_simarena_is_three_16_cpu_32gi_nodes() {
        let p = profile("simarena").unwrap();
        assert_eq!((p.virtual_nodes, p.cpu_m, p.memory_bytes), (3, 16_000, 32 << 30));
        let d = profile("default").unwrap();
        assert_eq!((d.virtual_nodes, d.cpu_m, d.memory_bytes, d.pods), (2, 1_000_000, 4 << 40, 10_000));
        assert_eq!(d.taints[0].key, "kwok-provider");
    }

    #[test]
    fn a_missing_profile_names_the_ones_that_exist() {
        let e = profile("nope").unwrap_err();
        assert!(e.to_string().contains("no cluster profile \"nope\""), "{e}");
        assert!(e.hint().unwrap().contains("simarena"), "{:?}", e.hint());
        assert!(profile("../etc").is_err());
    }

    #[test]
    fn a_bad_profile_names_the_field() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("p.json");
        let write = |s: &str| std::fs::write(&f, s).unwrap();
        write(r#"{"name":"p","description":"d","virtual_nodes":0,"cpu":"1","memory":"1Gi","pods":1}"#);
        assert!(load_profile(&f).unwrap_err().to_string().contains("p.json: virtual_nodes: is 0"));
        write(
            r#"{"name":"p","description":"d","virtual_nodes":1,"cpu":"1","memory":"1Gi","pods":1,"taints":[{"key":"k","effect":"Nope"}]}"#,
        );
        assert!(load_profile(&f).unwrap_err().to_string().contains("taints[0].effect"));
        write(r#"{"name":"p","description":"d","virtual_nodes":1,"cpu":"1","memory":"1Gi","pods":1,"cpus":2}"#);
        assert!(load_profile(&f).unwrap_err().to_string().contains("p.json: cpus: is not a field"));
    }
}
