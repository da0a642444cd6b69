//! `check`, `new` and `serve` at a network root: the same commands as for
//! one village, over every village and the portal, with files named from
//! the network root.

use crate::network::{POST, network, village_pages};

#[test]
fn check_at_a_network_root_checks_every_village_and_the_portal() {
    let site = network();
    let r = site.run(&["check"]);
    let n = village_pages();
    assert_eq!(
        (r.code, r.stderr.as_str(), r.stdout),
        (
            0,
            "",
            format!(
                "desa/alpha: {n} halaman siap.\ndesa/beta: {n} halaman siap.\ndesa/gamma: {n} halaman siap.\nTidak ada kesalahan: 3 desa dan portalnya, {} halaman desa siap dibangun; 0 peringatan.\n",
                3 * n
            )
        )
    );
    assert!(!site.path("public").exists(), "check wrote public/");
}

#[test]
fn check_lists_every_village_s_problems_from_the_network_root() {
    let site = network();
    site.edit(
        &format!("desa/beta/{POST}"),
        "\"Siti Aminah\"",
        "Siti Aminah",
    );
    site.write("portal/templates/desa.html", "{{ broken");
    let r = site.run(&["check"]);
    let n = village_pages();
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout,
        format!(
            "desa/alpha: {n} halaman siap.\ndesa/beta: 1 kesalahan.\ndesa/gamma: {n} halaman siap.\nPortal: ada kesalahan.\n2 kesalahan di 1 dari 3 desa dan portal; 0 peringatan.\n"
        )
    );
    assert!(
        r.stderr.starts_with(&format!(
            "1. kesalahan: Nilai `author` adalah teks, jadi harus diapit tanda kutip.
  --> desa/beta/{POST}:6:10
  |
6 | author = Siti Aminah
  |          ^^^^^^^^^^^
  = cara memperbaiki: Tulis `author = \"Siti Aminah\"`.

2. kesalahan: Templat portal `portal/templates` gagal.
"
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn check_stops_at_a_wrong_network_toml() {
    let site = network();
    site.edit("network.toml", "\"desa/*\"", "\"kampung/*\"");
    let r = site.run(&["check"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.starts_with(
            "1. kesalahan: Tidak ada folder desa yang cocok dengan pola \"kampung/*\".\n  --> network.toml:5:"
        ),
        "{}",
        r.stderr
    );
}
