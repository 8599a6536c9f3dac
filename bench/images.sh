#!/usr/bin/env bash
# Times bangvang's image work on a generated honour roll where every person
# has a phone-sized portrait (bench/portraits.py): the first build, which
# processes every photo, and a second build, which takes them all from the
# cache. Prints photos per second and the bytes published per portrait.
#   bench/images.sh               # 1,000 people
#   bench/images.sh 10000         # 10,000 people (about 16 GB of photos)
# A benchmark, not a test. Installs Pillow (to draw the photos) if missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n="${1:-1000}"
out="${BENCH_OUT:-bench/out}/images-$n"
python3 -c "import PIL" 2>/dev/null || python3 -m pip install --quiet --user pillow
cargo build --release --quiet
if [ ! -f "$out/bangvang/content/people/.portraits" ]; then
  rm -rf "$out"
  python3 bench/gen_corpus.py --n "$n" --out "$out" >/dev/null
  python3 bench/portraits.py "$out/bangvang"
  touch "$out/bangvang/content/people/.portraits"
fi
site="$out/bangvang"
rm -rf "$site/.bangvang-cache"
bin=target/release/bangvang
run() { /usr/bin/time -f "%e %M" "$bin" build --root "$site" --output "$out/public" --force --now 2026-11-21 2>&1 >/dev/null | tail -1; }
read -r first first_kb < <(run)
read -r cached cached_kb < <(run)
photos=$(find "$site/content/people" -name '*.jpg' | wc -l)
published=$(find "$out/public/people" -name '*.jpg' -o -name '*.webp' | xargs du -cb | tail -1 | cut -f1)
python3 - "$n" "$photos" "$first" "$first_kb" "$cached" "$cached_kb" "$published" <<'PY'
import sys
n, photos, first, fkb, cached, ckb, published = sys.argv[1:]
photos = int(photos)
print(f"people {n}, portraits {photos}")
print(f"first build  {float(first):8.2f} s  peak {int(fkb) // 1024} MB  ({photos / float(first):.1f} photos/s)")
print(f"cached build {float(cached):8.2f} s  peak {int(ckb) // 1024} MB")
print(f"published per portrait: {int(published) / photos / 1024:.0f} KB in all sizes (JPEG and WebP)")
PY
