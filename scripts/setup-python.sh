#!/usr/bin/env bash
# Makes the project's Python environment, .venv at the repository root, with the hf-peft trainer's pinned
# requirements and the test tools. Skipped when .venv's stamp holds the sha256 of the requirements files.
# The environment itself lives in a cache folder named by that digest (TUNEGATE_VENV_CACHE, default
# ~/.cache/tunegate) and .venv links to it, so a fresh clone on the same machine (CI's) reuses it.
# Exits 1 (with pip's reason) when they cannot be installed; .ci/run then lets the Python tests skip.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=(trainers/hf-peft/requirements.txt trainers/hf-peft/requirements-test.txt)
python=${PYTHON:-python3}
# One try per index: where an index cannot be reached (an offline machine with local wheels), pip's default
# five retries per package add minutes and change nothing.
export PIP_RETRIES=${PIP_RETRIES:-1} PIP_DISABLE_PIP_VERSION_CHECK=1
stamp=.venv/tunegate-requirements.sha256  # inside the cached environment .venv links to
digest=$(cat "${requirements[@]}" | sha256sum | cut -d' ' -f1)

if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$digest" ]; then
  echo ".venv is up to date with ${requirements[*]} (sha256 ${digest:0:12})"
  exit 0
fi
cache=${TUNEGATE_VENV_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tunegate}/venv-${digest:0:16}
if [ -x "$cache/bin/python" ] && [ "$(cat "$cache/tunegate-requirements.sha256" 2>/dev/null)" = "$digest" ]; then
  # A .venv folder made before the cache existed is kept aside, not deleted.
  if [ -d .venv ] && [ ! -L .venv ]; then mv .venv ".venv.old-$(date +%s)"; fi
  ln -sfn "$cache" .venv
  echo ".venv -> $cache (cached for sha256 ${digest:0:12})"
  exit 0
fi
if ! command -v "$python" >/dev/null; then
  echo "setup-python: $python not found; the hf-peft trainer's tests will be skipped" >&2
  exit 1
fi
# Built under its final name (a venv is not relocatable); the stamp is written last, so a run that was cut
# short is redone.
rm -rf "$cache"
mkdir -p "$(dirname "$cache")"
if ! "$python" -m venv "$cache"; then
  echo "setup-python: '$python -m venv' failed (on Debian: apt-get install python3-venv)" >&2
  exit 1
fi
echo "Installing ${requirements[*]} into $cache (a few minutes, once per requirements digest)"
if ! "$cache/bin/python" -m pip install --quiet "${requirements[@]/#/-r}"; then
  echo "setup-python: pip could not install the requirements (its reason is above)" >&2
  exit 1
fi
echo "$digest" >"$cache/tunegate-requirements.sha256"
if [ -d .venv ] && [ ! -L .venv ]; then mv .venv ".venv.old-$(date +%s)"; fi
ln -sfn "$cache" .venv
.venv/bin/python -m pip freeze | grep -iE '^(torch|transformers|peft|trl|accelerate)=' | tr '\n' ' '
echo
