#!/usr/bin/env bash
# Compile mmcv (with its C++ ops) into a wheel: build_mmcv_wheel.sh PYTHON VERSION OUT_DIR.
# Called by tools/setup_env.sh, which caches the wheel. Same sources and optimisation as
# `MMCV_WITH_OPS=1 pip wheel mmcv==VERSION`, two measured time savers (README "Set-up"):
# - no debug info (-g0): Python's default CFLAGS carry -g, which about doubles the compile
#   time of these template-heavy files and changes nothing at run time;
# - CPU builds precompile the one header every op file includes first
#   (pytorch_cpp_helper.hpp, which pulls in torch/extension.h) with the build's own flags,
#   so the ~80 files no longer parse torch's headers each. gcc uses a precompiled header only
#   when its flags match (otherwise it falls back to the plain header), so the result is the
#   same library. CUDA builds (FORCE_CUDA=1) skip this step.
set -euo pipefail
PY=$1
VERSION=$2
OUT=$3
CFLAGS_BASE=${MMCV_CFLAGS:--DNDEBUG -fwrapv -O3 -g0}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$PY" -m pip download -q --no-deps --no-binary :all: --no-build-isolation \
  -d "$WORK" "mmcv==$VERSION"
tar -xzf "$WORK/mmcv-$VERSION.tar.gz" -C "$WORK"
SRC="$WORK/mmcv-$VERSION"

EXTRA=""
if [ "${FORCE_CUDA:-0}" != 1 ]; then
  mkdir -p "$WORK/pch"
  # the include path and the flags torch's BuildExtension gives every op file
  INCLUDES=$("$PY" -c 'import sys, sysconfig; from torch.utils.cpp_extension import include_paths
print(" ".join("-I" + p for p in [sys.argv[1], *include_paths(), sysconfig.get_paths()["include"]]))' \
    "$SRC/mmcv/ops/csrc/common")
  # shellcheck disable=SC2086  # word splitting of the flag lists is intended
  c++ $CFLAGS_BASE -fPIC $INCLUDES -std=c++17 -DTORCH_API_INCLUDE_EXTENSION_H \
    -DTORCH_EXTENSION_NAME=_ext -w -x c++-header "$SRC/mmcv/ops/csrc/common/pytorch_cpp_helper.hpp" \
    -o "$WORK/pch/pytorch_cpp_helper.hpp.gch"
  EXTRA="-I$WORK/pch"
fi

mkdir -p "$OUT"
CFLAGS="$CFLAGS_BASE $EXTRA" MMCV_WITH_OPS=1 MAX_JOBS=${MAX_JOBS:-$(nproc)} \
  "$PY" -m pip wheel -q --no-build-isolation --no-deps --no-cache-dir -w "$OUT" "$SRC"
