//! Output files through the real binary: `cp`'s conventions for modes and symlinks, no temp file
//! left by an interrupted trace command, and a full disk named as the output, not the input.

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;

fn bin() -> Command {
    Command::cargo_bin("kubectl-skstep").unwrap()
}

/// The binary under `sh -c 'umask U; exec …'`.
fn with_umask(umask: &str, args: &[&str]) -> std::process::Output {
    let exe = Command::cargo_bin("kubectl-skstep").unwrap().get_program().to_owned();
    Command::new("sh").arg("-c").arg(format!("umask {umask}; exec \"$0\" \"$@\"")).arg(exe).args(args).output().unwrap()
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().mode() & 0o777
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn temps_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".skstep-"))
        .collect()
}

fn convert(out: &Path) -> Vec<String> {
    let input = common::trace("simarena-demo-normalized.msgpack");
    ["trace", "convert", s(&input), "--to", "json", "-o", s(out)].map(String::from).to_vec()
}

fn run(args: &[String], umask: &str) -> std::process::Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = with_umask(umask, &args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

#[test]
fn a_new_output_gets_0666_less_the_umask() {
    let d = tempfile::tempdir().unwrap();
    for (umask, want) in [("077", 0o600), ("022", 0o644), ("002", 0o664)] {
        let out = d.path().join(format!("new-{umask}.json"));
        run(&convert(&out), umask);
        assert_eq!(mode(&out), want, "umask {umask}");
    }
    // `report`'s SVG and the records' summary follow the same rule.
    let runs = d.path().join("runs");
    std::fs::create_dir(&runs).unwrap();
    let rec = r#"{"timestamp":"t","sim_name":"s","sim_uid":"","namespace":"n","trace_in":"","trace_out":"","obs":null,"action":{"type":"noop"},"action_info":null,"reward":1.0,"duration_s":1.0,"seed":0,"policy":"p","context":"c","virtual_namespace":"","trace_in_sha256":"","trace_out_sha256":"","reward_fn":"","driver_image":"","timings_s":{},"outcome":"ok","cause":null,"episode":null,"step":1}"#;
    std::fs::write(runs.join("step.jsonl"), format!("{rec}\n")).unwrap();
    let svg = d.path().join("r.svg");
    run(&["report", "--runs-dir", s(&runs), "-o", s(&svg)].map(String::from), "077");
    assert_eq!(mode(&svg), 0o600);
    run(&["records", "check", "--fix", "--runs-dir", s(&runs)].map(String::from), "077");
    assert_eq!(mode(&runs.join("summary.json")), 0o600);
}

#[test]
fn a_replaced_output_keeps_its_mode() {
    let d = tempfile::tempdir().unwrap();
    for m in [0o640, 0o600, 0o664] {
        let out = d.path().join(format!("kept-{m:o}.json"));
        std::fs::write(&out, "old").unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(m)).unwrap();
        run(&convert(&out), "022");
        assert_eq!(mode(&out), m);
        assert_ne!(std::fs::read(&out).unwrap(), b"old");
    }
}

#[test]
fn an_output_that_is_a_symlink_is_written_through_to_its_target() {
    let d = tempfile::tempdir().unwrap();
    let target = d.path().join("real.json");
    std::fs::write(&target, "old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = d.path().join("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    run(&convert(&link), "022");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link was replaced");
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.contains("\"events\""), "{text}");
    assert_eq!(mode(&target), 0o640);
    assert!(temps_in(d.path()).is_empty());

    // A dangling link is refused, as cp refuses it, and nothing is created.
    let dangling = d.path().join("dangling.json");
    std::os::unix::fs::symlink("nowhere/x.json", &dangling).unwrap();
    let args = convert(&dangling);
    let out = bin().args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("dangling symlink") && err.contains("dangling.json"), "{err}");
    assert!(!d.path().join("nowhere").exists());
}

/// A trace of `repeats` copies of dsb-scaling's events (as scripts/bench-trace makes one).
fn big_trace(path: &Path, repeats: usize) {
    use rmpv::Value;
    let t = rmpv::decode::read_value(&mut &std::fs::read(common::trace("simkube-dsb-scaling.sktrace")).unwrap()[..])
        .unwrap();
    let map = t.as_map().unwrap();
    let get = |k: &str| map.iter().find(|(key, _)| key.as_str() == Some(k)).unwrap().1.clone();
    let evs = get("events").as_array().unwrap().clone();
    let ts =
        |e: &Value| e.as_map().unwrap().iter().find(|(k, _)| k.as_str() == Some("ts")).unwrap().1.as_i64().unwrap();
    let span = ts(evs.last().unwrap()) - ts(&evs[0]) + 60;
    let mut all = Vec::with_capacity(evs.len() * repeats);
    for r in 0..repeats as i64 {
        for e in &evs {
            let Value::Map(mut fields) = e.clone() else { panic!("an event is a map") };
            for (k, v) in fields.iter_mut() {
                if k.as_str() == Some("ts") {
                    *v = Value::from(v.as_i64().unwrap() + r * span);
                }
            }
            all.push(Value::Map(fields));
        }
    }
    let root = Value::Map(
        ["version", "config", "events", "index", "pod_lifecycles"]
            .iter()
            .map(|k| (Value::from(*k), if *k == "events" { Value::Array(std::mem::take(&mut all)) } else { get(k) }))
            .collect(),
    );
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    rmpv::encode::write_value(&mut f, &root).unwrap();
}

/// Starts `args`, waits until its temp file has grown, sends `sig`, and returns the exit.
fn interrupt_mid_write(args: &[&str], dir: &Path, sig: i32) -> std::process::Output {
    let child = bin().args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let start = Instant::now();
    loop {
        let growing = temps_in(dir).iter().any(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 1 << 20));
        if growing {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(120), "no temp file grew in {}", dir.display());
        std::thread::sleep(Duration::from_millis(5));
    }
    // SAFETY: kill(2) on our own child's pid.
    assert_eq!(unsafe { libc::kill(child.id() as i32, sig) }, 0);
    child.wait_with_output().unwrap()
}

#[test]
fn an_interrupted_trace_command_removes_its_temp_file_and_leaves_the_output_untouched() {
    let d = tempfile::tempdir().unwrap();
    let big = d.path().join("big.msgpack");
    big_trace(&big, 600);
    let out_dir = d.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let json = out_dir.join("big.json");
    let rebased = out_dir.join("rebased.msgpack");
    for (args, out, sig) in [
        (vec!["trace", "convert", s(&big), "--to", "json", "--pretty", "-o", s(&json)], &json, libc::SIGINT),
        (vec!["trace", "rebase", s(&big), "--start", "0", "-o", s(&rebased)], &rebased, libc::SIGTERM),
    ] {
        std::fs::write(out, "previous output").unwrap();
        let o = interrupt_mid_write(&args, &out_dir, sig);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(130), "{args:?} (signal {sig}): {err}");
        assert!(err.contains("interrupted"), "{err}");
        assert_eq!(temps_in(&out_dir), Vec::<PathBuf>::new(), "{args:?} left a temp file");
        assert_eq!(std::fs::read_to_string(out).unwrap(), "previous output", "{args:?}");
    }
}

/// A 64 KiB tmpfs, unmounted on drop; `None` (the test says it is skipped) without the right to
/// mount one.
struct Tiny(PathBuf);

impl Tiny {
    fn mount(dir: &Path) -> Option<Tiny> {
        let p = dir.join("tiny");
        std::fs::create_dir(&p).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(&p)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tiny(p))
    }
}

impl Drop for Tiny {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Every trace command that writes, given its output (`trace new`'s manifest is written in `dir`,
/// big enough to fill the tiny disk).
fn writers(out: &Path, dir: &Path) -> Vec<Vec<String>> {
    let manifest = dir.join("deploy.yaml");
    std::fs::write(
        &manifest,
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web, annotations: {{big: '{}'}}}}\n\
             spec:\n  replicas: 1\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n\
             \x20   spec: {{containers: [{{name: c, image: nginx}}]}}\n",
            "x".repeat(200_000)
        ),
    )
    .unwrap();
    let m = manifest.display().to_string();
    let t = |n: &str| common::trace(n).display().to_string();
    let big = t("simkube-dsb-scaling.sktrace");
    let o = out.display().to_string();
    [
        vec!["trace", "rebase", &big, "--start", "0", "-o", &o],
        vec!["trace", "convert", &big, "--to", "json", "-o", &o],
        vec!["trace", "fix", &big, "-o", &o],
        vec!["trace", "upgrade", &big, "-o", &o],
        vec!["trace", "edit", &big, "--deploy", "nginx-thrift", "scale-replicas", "--delta", "1", "-o", &o],
        vec!["trace", "new", "-f", &m, "-o", &o],
    ]
    .iter()
    .map(|v| v.iter().map(|s| s.to_string()).collect())
    .collect()
}

fn assert_names_the_output(args: &[String], out: &Path) {
    let o = bin().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(&format!("error: {}: ", out.display())), "{:?}: {err}", &args[..2]);
    assert!(err.contains("No space left on device"), "{:?}: {err}", &args[..2]);
}

#[test]
fn a_full_disk_is_named_as_the_output() {
    let d = tempfile::tempdir().unwrap();
    let Some(tiny) = Tiny::mount(d.path()) else {
        eprintln!("a_full_disk_is_named_as_the_output: skipped (cannot mount a tmpfs here; see the /dev/full test)");
        return;
    };
    let out = tiny.0.join("out.bin");
    for args in writers(&out, d.path()) {
        assert_names_the_output(&args, &out);
        assert!(temps_in(&tiny.0).is_empty(), "{args:?} left a temp file");
        assert!(!out.exists());
    }
}

#[test]
fn a_device_output_is_written_into_and_its_errors_name_it() {
    let full = Path::new("/dev/full");
    if !std::fs::metadata(full).is_ok_and(|m| std::os::unix::fs::FileTypeExt::is_char_device(&m.file_type())) {
        eprintln!("a_device_output_is_written_into_and_its_errors_name_it: skipped (no /dev/full)");
        return;
    }
    let d = tempfile::tempdir().unwrap();
    for args in writers(full, d.path()) {
        assert_names_the_output(&args, full);
    }
    assert!(std::fs::metadata(full).is_ok_and(|m| std::os::unix::fs::FileTypeExt::is_char_device(&m.file_type())));
    let input = common::trace("simarena-demo-normalized.msgpack");
    let o = bin().args(["trace", "convert", s(&input), "--to", "json", "-o", "/dev/null"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
