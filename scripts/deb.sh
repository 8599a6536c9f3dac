#!/usr/bin/env bash
# Makes a Debian package of the bangvang command, with dpkg-deb only (no
# cargo-deb to install): target/debian/bangvang_<version>_<arch>.deb.
#   scripts/deb.sh            # builds in release mode, then packages
#   scripts/deb.sh --check    # also installs it into a scratch root with
#                             # dpkg and runs the installed `bangvang --version`
# Install it with `sudo apt install ./target/debian/bangvang_*.deb`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)"
arch="$(dpkg --print-architecture)"
cargo build --release --quiet
binary=target/release/bangvang

# The oldest glibc the binary runs on: the newest symbol version it uses.
glibc="$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n1)"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/bangvang_${version}_${arch}"
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/doc/bangvang"
install -m 0755 "$binary" "$root/usr/bin/bangvang"
strip --strip-unneeded "$root/usr/bin/bangvang"
install -m 0644 README.md "$root/usr/share/doc/bangvang/README.md"
cp -r docs "$root/usr/share/doc/bangvang/docs"
chmod -R u=rwX,go=rX "$root/usr/share/doc/bangvang/docs"
cat > "$root/usr/share/doc/bangvang/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: bangvang
Files: *
License: MIT or Apache-2.0
EOF
size="$(du -sk "$root/usr" | cut -f1)"
cat > "$root/DEBIAN/control" <<EOF
Package: bangvang
Version: ${version}
Architecture: ${arch}
Maintainer: bangvang developers <bangvang@localhost>
Depends: libc6 (>= ${glibc}), libgcc-s1
Installed-Size: ${size}
Section: web
Priority: optional
Homepage: https://example.gov.vn/bangvang
Description: static site generator for Vietnamese honour rolls (bảng vàng)
 bangvang compiles Markdown and TOML about units, emulation movements,
 exemplary people and collectives, commendation decisions and conferences
 into a fast, accessible static website that any static host can serve.
 "bangvang serve" previews a site with live reload; "bangvang init" and
 "bangvang new" write new sites and files, commented in Vietnamese.
EOF
mkdir -p target/debian
deb="target/debian/bangvang_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
echo "deb: $deb"

if [ "${1:-}" = "--check" ]; then
  # Installed as dpkg installs it, into a scratch root: no change to this machine.
  scratch="$stage/root"
  mkdir -p "$scratch/var/lib/dpkg/updates" "$scratch/var/lib/dpkg/info"
  touch "$scratch/var/lib/dpkg/status"
  # (The scratch root has no libc6 package: its dependencies are forced.)
  if ! log="$(dpkg --root="$scratch" --force-not-root --force-depends --log=/dev/null -i "$deb" 2>&1)"; then
    echo "$log" >&2; exit 1
  fi
  installed="$("$scratch/usr/bin/bangvang" --version)"
  case "$installed" in
    "bangvang $version") echo "deb: installed, runs: $installed" ;;
    *) echo "deb: the installed binary says '$installed', not 'bangvang $version'" >&2; exit 1 ;;
  esac
  dpkg --root="$scratch" --force-not-root -s bangvang | grep -q '^Status: install ok installed'
fi
