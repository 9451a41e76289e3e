#!/usr/bin/env bash
# Fetches the real data sets of docs/data.md into the git-ignored data/ folder:
#   data/movielens_small.csv   MovieLens "latest-small" (100,004 ratings; from Debian r-cran-dslabs,
#                              converted once with R: needs r-base-core, installed if missing)
#   data/images/*.png          scikit-image test images (camera.png, moon.png, ...; from Debian
#                              python3-skimage, unpacked without installing its dependencies)
# Idempotent (files already present are kept), quiet on success, one clear line per failure.
# Exit status: 0 when everything is present, 1 when something could not be fetched.
# The data must never be committed (MovieLens terms forbid redistribution): data/ is in .gitignore.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$root/data"
mkdir -p "$data/images"
status=0
updated=0

say() { echo "fetch-data: $*" >&2; }

apt_update_once() {
  if [ "$updated" = 0 ]; then
    apt-get update -qq >/dev/null 2>&1 || say "warning: apt-get update failed; trying the cached package lists"
    updated=1
  fi
}

# Downloads a Debian package into a temporary folder and unpacks it there; prints the folder.
unpack_deb() {
  local pkg="$1" dir
  dir="$(mktemp -d)"
  apt_update_once
  if ! (cd "$dir" && apt-get download -qq "$pkg" >/dev/null 2>&1); then
    say "error: could not download the Debian package $pkg (no network, or not in the package lists); run apt-get update and retry"
    rm -rf "$dir"
    return 1
  fi
  if ! dpkg -x "$dir"/"$pkg"_*.deb "$dir/x" >/dev/null 2>&1; then
    say "error: could not unpack the Debian package $pkg"
    rm -rf "$dir"
    return 1
  fi
  echo "$dir"
}

fetch_movielens() {
  local out="$data/movielens_small.csv" dir
  [ -s "$out" ] && return 0
  if ! command -v Rscript >/dev/null 2>&1; then
    apt_update_once
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends r-base-core >/dev/null 2>&1; then
      say "error: could not install r-base-core (needed once to convert MovieLens); install R and retry"
      return 1
    fi
  fi
  dir="$(unpack_deb r-cran-dslabs)" || return 1
  local rdata="$dir/x/usr/lib/R/site-library/dslabs/data/Rdata"
  if ! Rscript -e "e <- new.env(); lazyLoad('$rdata', envir = e);
      write.csv(e\$movielens[, c('userId','movieId','rating','timestamp')], '$out.part', row.names = FALSE)" \
      >/dev/null 2>&1; then
    say "error: R could not convert the dslabs movielens data set ($rdata)"
    rm -rf "$dir" "$out.part"
    return 1
  fi
  mv "$out.part" "$out"
  rm -rf "$dir"
}

fetch_images() {
  [ -s "$data/images/camera.png" ] && return 0
  local dir src
  dir="$(unpack_deb python3-skimage)" || return 1
  src="$(find "$dir/x" -type d -path '*/skimage/data' | head -n 1)"
  if [ -z "$src" ] || [ ! -f "$src/camera.png" ]; then
    say "error: python3-skimage has no skimage/data/camera.png"
    rm -rf "$dir"
    return 1
  fi
  cp "$src"/*.png "$data/images/" 2>/dev/null
  rm -rf "$dir"
}

fetch_movielens || status=1
fetch_images || status=1
exit "$status"
