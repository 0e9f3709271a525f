#!/usr/bin/env bash
# One command on a fresh Debian/Ubuntu machine: system packages, a virtualenv, Heartline, then the demo.
#   bash scripts/setup.sh            # set up and run `heartline demo`
#   bash scripts/setup.sh --no-demo  # set up only (CI)
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-pip   # Python itself where the machine lacks it
  espeak-ng                          # the voice pyttsx3 drives on Linux
  libportaudio2                      # microphone and speaker access (sounddevice)
  flite                              # test speech: voices PocketSphinx hears well
  pocketsphinx-testdata              # real recorded English speech with transcripts
  sox                                # audio conversion for tests and benchmarks
  e2fsprogs                          # chattr: the read-only database fault test binds root too
  chromium chromium-driver           # the partner page's browser test
)

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/pip install -q --upgrade pip >/dev/null
.venv/bin/pip install -q -e '.[test]'

# Vosk's English model when the network allows (issue 10); a quick reachability check first, so
# an offline machine or CI loses a few seconds at most and goes on with PocketSphinx.
if .venv/bin/heartline models list 2>/dev/null | grep -q "^Vosk: .*used by"; then
  :
elif timeout 8 .venv/bin/python -c "import sys, urllib.request as u; u.urlopen(u.Request(sys.argv[1], method='HEAD'), timeout=5)" \
    "${HEARTLINE_MODEL_URL:-https://alphacephei.com/vosk/models/}" >/dev/null 2>&1; then
  timeout 600 .venv/bin/heartline models fetch || echo "Vosk model download failed: PocketSphinx is used; try later: heartline models fetch"
else
  echo "No network for the Vosk model: PocketSphinx is used; later: heartline models fetch"
fi

if [ "${1:-}" != "--no-demo" ]; then
  .venv/bin/heartline demo
fi
