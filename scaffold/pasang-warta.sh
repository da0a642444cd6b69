#!/bin/sh
# Memasang warta versi $WARTA_VERSION ke .warta-bin/bin/warta, untuk
# membangun situs di GitHub Actions, GitLab CI, Netlify dan Cloudflare Pages:
# berkas siap pakai dari halaman rilis warta, diperiksa dengan SHA-256.
# Hanya bila tidak ada berkas siap pakai untuk mesin ini, warta dikompilasi
# dengan `cargo install --locked` (beberapa menit).
#
# Installs warta $WARTA_VERSION into .warta-bin/bin/warta for CI builds:
# the release binary for this machine, checked against its SHA-256; only
# where no binary exists for this machine, compiled with
# `cargo install --locked`.
#
# Naikkan WARTA_VERSION di alur kerja (atau di bawah) untuk memakai warta
# yang lebih baru. Raise WARTA_VERSION to upgrade.
set -eu

WARTA_VERSION="${WARTA_VERSION:-@VERSION@}"
WARTA_RELEASES="${WARTA_RELEASES:-https://github.com/warta-kim/warta/releases/download}"
BIN=.warta-bin/bin

if [ -x "$BIN/warta" ] && [ "$("$BIN/warta" --version)" = "warta $WARTA_VERSION" ]; then
  echo "warta $WARTA_VERSION sudah terpasang / already installed"
  exit 0
fi

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) target=x86_64-unknown-linux-gnu ;;
  Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-gnu ;;
  Darwin/x86_64) target=x86_64-apple-darwin ;;
  Darwin/arm64) target=aarch64-apple-darwin ;;
  *) target="" ;;
esac

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
archive="warta-$target.tar.xz"
url="$WARTA_RELEASES/v$WARTA_VERSION/$archive"
status=0
if [ -n "$target" ]; then
  curl -fsSL --retry 3 -o "$tmp/$archive" "$url" || status=$?
fi

if [ -n "$target" ] && [ "$status" = 0 ]; then
  curl -fsSL --retry 3 -o "$tmp/$archive.sha256" "$url.sha256"
  expected=$(cut -d ' ' -f 1 <"$tmp/$archive.sha256")
  actual=$(sha256 "$tmp/$archive")
  if [ "$expected" != "$actual" ]; then
    echo "SHA-256 $archive tidak cocok / does not match: $actual, expected $expected" >&2
    exit 1
  fi
  tar -xJf "$tmp/$archive" -C "$tmp"
  mkdir -p "$BIN"
  cp "$tmp/warta-$target/warta" "$BIN/warta"
  chmod +x "$BIN/warta"
elif [ -z "$target" ] || [ "$status" = 22 ]; then
  # 22: the server answered with an error (no such file): no binary for
  # this machine at this version.
  echo "Tidak ada warta siap pakai untuk $(uname -s)/$(uname -m); memasang dengan cargo."
  echo "No warta binary for $(uname -s)/$(uname -m); installing with cargo."
  cargo install --locked warta --version "$WARTA_VERSION" --root .warta-bin
else
  echo "Gagal mengunduh / could not download $url (curl $status)" >&2
  exit 1
fi
"$BIN/warta" --version
