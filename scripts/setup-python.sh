#!/usr/bin/env bash
# Makes the project's Python environment, .venv at the repository root, with the hf-peft trainer's pinned
# requirements and the test tools. Skipped when .venv's stamp holds the sha256 of the requirements files.
# Exits 1 (with pip's reason) when they cannot be installed; .ci/run then lets the Python tests skip.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=(trainers/hf-peft/requirements.txt trainers/hf-peft/requirements-test.txt)
python=${PYTHON:-python3}
stamp=.venv/tunegate-requirements.sha256
digest=$(cat "${requirements[@]}" | sha256sum | cut -d' ' -f1)

if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$digest" ]; then
  echo ".venv is up to date with ${requirements[*]} (sha256 ${digest:0:12})"
  exit 0
fi
if ! command -v "$python" >/dev/null; then
  echo "setup-python: $python not found; the hf-peft trainer's tests will be skipped" >&2
  exit 1
fi
rm -f "$stamp"
if ! "$python" -m venv .venv; then
  echo "setup-python: '$python -m venv .venv' failed (on Debian: apt-get install python3-venv)" >&2
  exit 1
fi
echo "Installing ${requirements[*]} into .venv"
if ! .venv/bin/python -m pip install --quiet "${requirements[@]/#/-r}"; then
  echo "setup-python: pip could not install the requirements (its reason is above)" >&2
  exit 1
fi
echo "$digest" >"$stamp"
.venv/bin/python -m pip freeze | grep -iE '^(torch|transformers|peft|trl|accelerate)=' | tr '\n' ' '
echo
