#!/usr/bin/env bash
# Debian's Chromium and CJK fonts for the console's browser tests and the circulars' PDF, and poppler-utils
# (pdftotext, pdftoppm) for the tests that read those PDFs: chromium.sh install|status.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CHROMIUM_BIN=/usr/bin/chromium

installed() {
  [[ -x "$CHROMIUM_BIN" ]] && fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null && command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null
}

install() {
  if installed; then return 0; fi
  require_cmd apt-get "install Chromium and the Noto CJK fonts with your system's package manager (Debian: chromium, fonts-noto-cjk)"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  log "chromium: apt-get update"
  "${sudo[@]}" apt-get update -qq || die "apt-get update failed" "check that Debian's package mirror is reachable, then rerun 'npm run infra:up'"
  log "chromium: apt-get install chromium fonts-noto-cjk poppler-utils (about 200 MB of packages on a new machine)"
  mkdir -p "$CACHE_DIR"
  local output="${CACHE_DIR}/apt-chromium.log"
  with_progress chromium /var/cache/apt/archives "$output" \
    "${sudo[@]}" apt-get install -y -qq chromium fonts-noto-cjk fontconfig poppler-utils ||
    { tail -20 "$output" >&2; die "apt-get could not install chromium, fonts-noto-cjk and poppler-utils (log: ${output})" "read the log above"; }
  installed || die "chromium, the Noto CJK fonts or poppler-utils are still missing after apt-get" "run 'fc-list | grep CJK', 'ls -l ${CHROMIUM_BIN}' and 'command -v pdftotext'"
}

status() {
  if installed; then
    printf '%-22s %-34s %s\n' chromium "$CHROMIUM_BIN" "installed ($("$CHROMIUM_BIN" --version 2>/dev/null | head -1)), Noto CJK fonts, poppler-utils"
  else
    printf '%-22s %-34s %s\n' chromium "$CHROMIUM_BIN" "NOT installed"
    return 1
  fi
}

"${1:?usage: chromium.sh install|status}"
