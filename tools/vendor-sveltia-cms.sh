#!/bin/sh
# Re-fetches the Sveltia CMS script that `warta cms` writes into a site's
# static/admin/, from its npm package, and verifies it against
# vendor/sveltia-cms/SOURCE.toml (version, the tarball's npm integrity,
# the script's SHA-256). See docs/CMS.md.
#
#   tools/vendor-sveltia-cms.sh           check the vendored copy (no write)
#   tools/vendor-sveltia-cms.sh VERSION   vendor another version and print
#                                         the SOURCE.toml lines to commit
#
# Needs npm, node, gzip and sha256sum. warta itself never downloads it.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
dir="$here/vendor/sveltia-cms"
pinned=$(sed -n 's/^version = "\(.*\)"/\1/p' "$dir/SOURCE.toml")
want_integrity=$(sed -n 's/^integrity = "\(.*\)"/\1/p' "$dir/SOURCE.toml")
want_sha=$(sed -n 's/^script_sha256 = "\(.*\)"/\1/p' "$dir/SOURCE.toml")
version=${1:-$pinned}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "@sveltia/cms@$version" >/dev/null
tgz=$(ls ./*.tgz)
# npm's integrity: sha512 of the tarball, base64.
integrity="sha512-$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write(c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tgz")"
registry=$(npm view "@sveltia/cms@$version" dist.integrity)
[ "$integrity" = "$registry" ] || { echo "tarball integrity $integrity != registry's $registry" >&2; exit 1; }
tar xzf "$tgz"
sha=$(sha256sum package/dist/sveltia-cms.js | cut -d' ' -f1)

if [ "$version" = "$pinned" ]; then
    [ "$integrity" = "$want_integrity" ] || { echo "integrity $integrity != SOURCE.toml's $want_integrity" >&2; exit 1; }
    [ "$sha" = "$want_sha" ] || { echo "script sha256 $sha != SOURCE.toml's $want_sha" >&2; exit 1; }
    vendored=$(gzip -dc "$dir/sveltia-cms.js.gz" | sha256sum | cut -d' ' -f1)
    [ "$vendored" = "$sha" ] || { echo "vendor/sveltia-cms/sveltia-cms.js.gz holds $vendored, not $sha" >&2; exit 1; }
    cmp -s package/LICENSE.txt "$dir/LICENSE.txt" || { echo "LICENSE.txt differs from the package's" >&2; exit 1; }
    echo "ok: @sveltia/cms $version, $integrity, script sha256 $sha"
    exit 0
fi

gzip -9n -c package/dist/sveltia-cms.js >"$dir/sveltia-cms.js.gz"
cp package/LICENSE.txt "$dir/LICENSE.txt"
cat >"$dir/SOURCE.toml" <<TOML
# The Sveltia CMS script warta writes into static/admin/ (src/cms/).
# Made by tools/vendor-sveltia-cms.sh from the npm package; check it with
# that script. The script is stored gzip-compressed.
package = "@sveltia/cms"
version = "$version"
tarball = "https://registry.npmjs.org/@sveltia/cms/-/cms-$version.tgz"
integrity = "$integrity"
file = "dist/sveltia-cms.js"
script_sha256 = "$sha"
script_bytes = $(wc -c <package/dist/sveltia-cms.js)
licence = "MIT (LICENSE.txt)"
TOML
echo "vendored @sveltia/cms $version; update SVELTIA_VERSION in src/cms/mod.rs and run cargo test"
