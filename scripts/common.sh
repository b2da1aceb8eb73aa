# Shared by scripts/run, scripts/test and scripts/package: the Debian packages the project needs, installing the
# missing ones, and the preset build. Sourced, not run.

# Why each package is here: ../shared/docs/stack-notes.md and the README.
GITVQA_PACKAGES=(
  cmake ninja-build g++ ccache pkg-config
  qt6-base-dev qt6-multimedia-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
  libtorch-dev
  libopenblas0-openmp # without it libtorch runs on the reference BLAS, 30x slower
  libavformat-dev libavcodec-dev libswscale-dev libavutil-dev ffmpeg
  nlohmann-json3-dev
  xvfb
  dpkg-dev # dpkg-shlibdeps: scripts/package derives the .deb's library dependencies with it
  desktop-file-utils appstream # desktop-file-validate and appstreamcli validate: the packaging test checks with them
  librsvg2-bin # rsvg-convert: resources/icons/render.sh renders the app icon's PNG sizes
)

gitvqa_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

gitvqa_missing_packages() {
  local missing=() p
  for p in "${GITVQA_PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != "installed" ]; then
      missing+=("$p")
    fi
  done
  echo "${missing[@]:-}"
}

gitvqa_install() {
  local missing
  missing=$(gitvqa_missing_packages)
  [ -z "$missing" ] && return 0
  local line="apt-get install -y --no-install-recommends $missing"
  if [ "$(id -u)" = 0 ]; then
    echo ">> installing: $missing"
    apt-get update -q && DEBIAN_FRONTEND=noninteractive $line
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    echo ">> installing with sudo: $missing"
    sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive $line
  else
    echo "Missing packages. Run as root (or with sudo), then try again:" >&2
    echo "  sudo apt-get update && sudo $line" >&2
    exit 1
  fi
}

gitvqa_build() {
  local root
  root=$(gitvqa_root)
  cd "$root"
  # Relative paths in ccache's hash let every clone (CI's included) reuse the same cache.
  export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
  # Without these ccache refuses every compile that uses the precompiled libtorch header (the slowest ones):
  # ccache's documented settings for precompiled headers.
  export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
  cmake --preset default >/dev/null
  cmake --build --preset default -j "$(nproc)"
}
