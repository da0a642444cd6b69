// The built-in theme and the `init` scaffold are embedded with include_dir;
// rebuild when they change.
fn main() {
    println!("cargo:rerun-if-changed=themes/desa");
    println!("cargo:rerun-if-changed=scaffold");
}
