#!/usr/bin/env bash
# Build the project's .venv from requirements.txt, compiling mmcv (with its ops)
# once and caching the wheel per (mmcv, torch, python, cpu/cuda) so later
# builds on the same machine reuse it instead of recompiling for ~10 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

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

TORCH_VERSION=$("$PY" -c 'import torch; print(torch.__version__)')
PY_TAG=$("$PY" -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")')
if "$PY" -c 'import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)' || [ "${FORCE_CUDA:-0}" = 1 ]; then
  OPS=cuda; export FORCE_CUDA=1
else
  OPS=cpu
fi
WHEEL_DIR="$CACHE_ROOT/mmcv-$MMCV_VERSION-torch$TORCH_VERSION-$PY_TAG-$OPS"

if ! "$PY" -c "import mmcv, mmcv.ops, sys; sys.exit(mmcv.__version__ != '$MMCV_VERSION')" 2>/dev/null; then
  if ! ls "$WHEEL_DIR"/mmcv-*.whl >/dev/null 2>&1; then
    echo "[setup] compiling mmcv $MMCV_VERSION with $OPS ops against torch $TORCH_VERSION (about 10 minutes on 2 cores, once)"
    mkdir -p "$WHEEL_DIR.tmp"
    MMCV_WITH_OPS=1 MAX_JOBS=${MAX_JOBS:-$(nproc)} "$PY" -m pip wheel --no-build-isolation --no-deps \
      --no-cache-dir -w "$WHEEL_DIR.tmp" "mmcv==$MMCV_VERSION"
    rm -rf "$WHEEL_DIR" && mv "$WHEEL_DIR.tmp" "$WHEEL_DIR"
  else
    echo "[setup] reusing cached mmcv wheel from $WHEEL_DIR"
  fi
  "$PY" -m pip install -q "$WHEEL_DIR"/mmcv-*.whl
fi

echo "[setup] installing the OpenMMLab packages and tools"
"$PY" -m pip install -q -r requirements.txt
echo "[setup] installing this repo (custom_modules) in editable mode"
"$PY" -m pip install -q --no-build-isolation --no-deps -e .
"$PY" -c "import mmcv.ops, mmdet, mmpretrain, mmseg; print('[setup] ok: mmcv', mmcv.__version__, 'mmdet', mmdet.__version__, 'mmpretrain', mmpretrain.__version__, 'mmseg', mmseg.__version__)"
