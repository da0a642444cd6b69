// The built-in theme and the `init` scaffold are embedded with include_dir;
// rebuild when they change.
//
// `WARTA_SKIP_BROWSER=1` at build time sets the `warta_skip_browser` cfg,
// which marks the browser tests ignored (tests/testsuite/browser_tools.rs
// says why a cfg). warta itself never reads it.
fn main() {
    println!("cargo:rerun-if-changed=themes/desa");
    println!("cargo:rerun-if-changed=scaffold");
    println!("cargo::rustc-check-cfg=cfg(warta_skip_browser)");
    println!("cargo:rerun-if-env-changed=WARTA_SKIP_BROWSER");
    if std::env::var("WARTA_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        println!("cargo:rustc-cfg=warta_skip_browser");
    }
}
