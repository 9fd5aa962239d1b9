#!/usr/bin/env bash
# Tell which system packages are missing, and the apt-get command that installs them.
#
#   scripts/check-system.sh [--packages] [python] [pango] [browser]   (no group: all of them)
#
#   python   Python 3.11 with venv (skipped when .venv already works)
#   pango    Pango and a font, for WeasyPrint's PDF reports (make demo, make test)
#   browser  Chromium and poppler-utils, for the browser tests and the PDF checks (make test-e2e)
#
# Exit 0 when nothing is missing, 1 otherwise. `make system-deps` installs everything.
# --packages prints only the names of the missing Debian packages (for scripts) and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
packages_only=false
if [ "${1:-}" = "--packages" ]; then
  packages_only=true
  shift
fi
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(python pango browser)

missing=()   # human-readable lines
packages=()  # Debian packages to install

need() { missing+=("$1"); shift; packages+=("$@"); }

for group in "${groups[@]}"; do
  case "$group" in
    python)
      if [ -x .venv/bin/python ] && .venv/bin/python -c 'import sys; assert sys.version_info[:2] >= (3, 11)' 2>/dev/null; then
        :
      elif ! command -v "$PYTHON" >/dev/null 2>&1; then
        need "$PYTHON introuvable / not found" python3.11 python3.11-venv
      elif ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
        need "$PYTHON sans le module venv / without venv (ensurepip)" python3.11-venv
      fi
      ;;
    pango)
      # The list is read whole first: `ldconfig -p | grep -q` under pipefail fails at random,
      # when grep stops at its match and ldconfig, still writing, gets SIGPIPE.
      libraries=$(ldconfig -p 2>/dev/null || true)
      if ! grep -q 'libpango-1.0.so' <<<"$libraries"; then
        need "Pango absent (WeasyPrint) / Pango missing" libpango-1.0-0 libpangoft2-1.0-0
      elif ! grep -q 'libpangoft2-1.0.so' <<<"$libraries"; then
        need "PangoFT2 absent (WeasyPrint) / PangoFT2 missing" libpangoft2-1.0-0
      fi
      if ! ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1; then
        need "police DejaVu absente (PDF) / DejaVu font missing" fonts-dejavu-core
      fi
      ;;
    browser)
      if [ ! -x "$CHROMIUM" ]; then
        need "Chromium absent ($CHROMIUM) : tests navigateur / browser tests" chromium
      fi
      if ! command -v pdftotext >/dev/null 2>&1; then
        need "pdftotext absent (poppler-utils) : contrôle des PDF / PDF checks" poppler-utils
      fi
      ;;
    *)
      echo "check-system: groupe inconnu / unknown group: $group" >&2
      exit 2
      ;;
  esac
done

if $packages_only; then
  [ ${#packages[@]} -eq 0 ] || printf '%s\n' "${packages[@]}" | sort -u | paste -sd " "
  exit 0
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "Paquets système : rien ne manque (${groups[*]}) / system packages: OK"
  exit 0
fi

{
  echo "Paquets système manquants / missing system packages:"
  printf '  - %s\n' "${missing[@]}"
  echo "Pour les installer / to install them (Debian, Ubuntu):"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo "
  echo "  ${sudo}apt-get update && ${sudo}apt-get install -y $(printf '%s\n' "${packages[@]}" | sort -u | paste -sd " ")"
  echo "  (ou / or: make system-deps)"
} >&2
exit 1
