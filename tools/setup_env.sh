#!/usr/bin/env bash
# Build the project's .venv from requirements.txt, compiling mmcv (with its ops)
# once and caching the wheel per (mmcv, torch, python, cpu or cuda + architectures)
# so later builds on the same machine reuse it instead of recompiling.
# CUDA ops are compiled when torch sees a GPU or with FORCE_CUDA=1, for the
# architectures in TORCH_CUDA_ARCH_LIST (docs/gpu.md); nvcc is checked first.
# Time savers (measured, see README "Set-up"): tools/build_mmcv_wheel.sh
# compiles mmcv's ops without debug info and with a precompiled header, and
# the other packages install while it runs (none of them depends on mmcv).
set -euo pipefail
cd "$(dirname "$0")/.."
T0=$(date +%s)

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
MMCV_VERSION=2.1.0
CACHE_ROOT=${MMCV_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openmmlab-experiments/mmcv-wheels}

if [ ! -x "$VENV/bin/python" ]; then
  echo "[setup] creating $VENV with $($PYTHON --version)"
  "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"
"$PY" -m pip install -q --upgrade "pip>=24" "setuptools<81" wheel

echo "[setup] installing torch and torchvision (first time: a few GB)"
"$PY" -m pip install -q $(grep -E '^(torch|torchvision|setuptools)[=<>!]' requirements.txt)
T_TORCH=$(date +%s)

TORCH_VERSION=$("$PY" -c 'import torch; print(torch.__version__)')
PY_TAG=$("$PY" -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")')
if [ "${FORCE_CUDA:-0}" = 1 ] || "$PY" -c 'import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)'; then
  export FORCE_CUDA=1
  # nvcc present and of torch's CUDA version, architectures it can compile (or one error: line)
  ARCHES=$(bash tools/build_mmcv_wheel.sh --check "$PY")
  OPS="cuda-${ARCHES//;/_}"
  BUILD_TIME="on 2 cores about 20 minutes for one architecture, 35 or more for the default three; docs/gpu.md"
else
  OPS=cpu
  BUILD_TIME="about 6 minutes on 2 cores"
fi
KEY="mmcv-$MMCV_VERSION-torch$TORCH_VERSION-$PY_TAG-$OPS"
WHEEL_DIR="$CACHE_ROOT/$KEY"
MARKER="$VENV/.mmcv-wheel"  # the cache key of the mmcv installed in $VENV

echo "[setup] installing the OpenMMLab packages and tools (in the background)"
PKG_LOG=$(mktemp)
"$PY" -m pip install -q -r requirements.txt >"$PKG_LOG" 2>&1 &
PKG_PID=$!
# a failed mmcv build stops the background install and removes its log
trap 'kill "$PKG_PID" 2>/dev/null || true; rm -f "$PKG_LOG"' EXIT

# a working mmcv stays; CUDA ops are kept on CPU machines (they hold the CPU ops too), but a
# CUDA request wants exactly its wheel (same torch and architectures)
if ! "$PY" -c "import mmcv, mmcv.ops, sys; sys.exit(mmcv.__version__ != '$MMCV_VERSION')" 2>/dev/null \
  || { [ "$OPS" != cpu ] && [ "$(cat "$MARKER" 2>/dev/null)" != "$KEY" ]; }; then
  if ! ls "$WHEEL_DIR"/mmcv-*.whl >/dev/null 2>&1; then
    echo "[setup] compiling mmcv $MMCV_VERSION with $OPS ops against torch $TORCH_VERSION ($BUILD_TIME, once)"
    rm -rf "$WHEEL_DIR.tmp"
    bash tools/build_mmcv_wheel.sh "$PY" "$MMCV_VERSION" "$WHEEL_DIR.tmp"
    rm -rf "$WHEEL_DIR" && mv "$WHEEL_DIR.tmp" "$WHEEL_DIR"
  else
    echo "[setup] reusing cached mmcv wheel from $WHEEL_DIR"
  fi
  MMCV_WHEEL=$(ls "$WHEEL_DIR"/mmcv-*.whl)
fi
T_MMCV=$(date +%s)

if ! wait "$PKG_PID"; then
  cat "$PKG_LOG" >&2
  echo "error: pip install -r requirements.txt failed (output above)" >&2
  exit 1
fi
if [ -n "${MMCV_WHEEL:-}" ]; then
  "$PY" -m pip install -q --force-reinstall --no-deps "$MMCV_WHEEL"
  echo "$KEY" >"$MARKER"
fi
echo "[setup] installing this repo (custom_modules) in editable mode"
"$PY" -m pip install -q --no-build-isolation --no-deps -e .
if [ -n "${MMCV_WHEEL:-}" ] && [ "$OPS" != cpu ]; then
  # kernels for every listed architecture, or the cached wheel goes (one error: line)
  "$PY" tools/check_mmcv_wheel.py "$MMCV_WHEEL" --arch-list "$ARCHES" \
    || { rm -rf "$WHEEL_DIR" "$MARKER"; exit 2; }
fi
"$PY" -c "import mmcv.ops, mmdet, mmpretrain, mmseg; print('[setup] ok: mmcv', mmcv.__version__, 'mmdet', mmdet.__version__, 'mmpretrain', mmpretrain.__version__, 'mmseg', mmseg.__version__)"
T_END=$(date +%s)
echo "[setup] built $VENV in $((T_END - T0)) s: torch $((T_TORCH - T0)) s, mmcv $((T_MMCV - T_TORCH)) s (packages alongside), rest $((T_END - T_MMCV)) s"
