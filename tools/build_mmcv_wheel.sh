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
# CUDA builds (FORCE_CUDA=1, docs/gpu.md) check the toolchain before compiling anything:
#   build_mmcv_wheel.sh --check PYTHON
# prints the architecture list the build compiles for (TORCH_CUDA_ARCH_LIST, default below),
# or stops with exit code 2 and one `error:` line naming the fix.
set -euo pipefail
# Turing, Ampere (sm_80 kernels also run on 8.6/8.7/8.9) and Hopper, plus Hopper PTX that the
# driver compiles for newer GPUs (Blackwell). CUDA 13 cannot compile for Volta (7.0) or older.
DEFAULT_CUDA_ARCHES="7.5;8.0;9.0+PTX"

fail() { echo "error: $*" >&2; exit 2; }

# Check nvcc against torch's CUDA and export what torch's extension builder needs:
# CUDA_HOME (the toolkit folder: include/crt/, lib64/libcudart.so), CPATH (library headers
# such as cusparse.h from the pip nvidia package when the toolkit lacks them, after the
# toolkit's own include folder) and TORCH_CUDA_ARCH_LIST (each entry one nvcc compiles for).
cuda_setup() {
  local py=$1 info torch_version torch_cuda nv_inc nvcc release here arches entry cc known
  info=$("$py" -c 'import os, sys, torch
cuda = torch.version.cuda or "none"
inc = "-"
for root in sys.path:
    cand = os.path.join(root, "nvidia", "cu" + cuda.split(".")[0], "include")
    if cuda != "none" and os.path.isfile(os.path.join(cand, "cusparse.h")):
        inc = cand
        break
print(torch.__version__, cuda, inc)') || fail "$py cannot import torch: install torch first (make setup does)"
  read -r torch_version torch_cuda nv_inc <<<"$info"
  [ "$torch_cuda" != none ] || fail "torch $torch_version is a CPU-only build, so mmcv's CUDA ops cannot link against it: install torch's CUDA build (requirements.txt pins it) or leave FORCE_CUDA unset"
  if [ -n "${CUDA_HOME:-}" ] && [ -x "$CUDA_HOME/bin/nvcc" ]; then
    nvcc=$CUDA_HOME/bin/nvcc
  else
    nvcc=$(command -v nvcc || true)
  fi
  [ -n "$nvcc" ] || fail "FORCE_CUDA=1 needs nvcc from the CUDA $torch_cuda toolkit (torch $torch_version's CUDA) and none is on PATH: install that toolkit and put its bin/ on PATH (or set CUDA_HOME to it), or leave FORCE_CUDA unset for CPU ops"
  release=$("$nvcc" --version | sed -n 's/.*release \([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p' | head -n 1)
  [ "$release" = "$torch_cuda" ] || fail "$nvcc is CUDA ${release:-of unknown version} but torch $torch_version was built with CUDA $torch_cuda: put the CUDA $torch_cuda toolkit's nvcc first on PATH (or set CUDA_HOME to that toolkit)"
  if [ -z "${CUDA_HOME:-}" ]; then
    # nvcc may be a wrapper script: ask it where it lives instead of resolving links
    here=$("$nvcc" --dryrun -c -x cu /dev/null -o /dev/null 2>&1 | sed -n 's/^#\$ _HERE_=//p' | head -n 1)
    CUDA_HOME=$(cd "${here:-$(dirname "$nvcc")}/.." && pwd)
  fi
  [ -d "$CUDA_HOME/include/crt" ] && [ -e "$CUDA_HOME/lib64/libcudart.so" ] || fail "CUDA_HOME=$CUDA_HOME is not a CUDA toolkit folder (it needs include/crt/ and lib64/libcudart.so): set CUDA_HOME to the CUDA $torch_cuda toolkit folder, e.g. /usr/local/cuda-$torch_cuda"
  if [ ! -f "$CUDA_HOME/include/cusparse.h" ]; then
    [ "$nv_inc" != - ] || fail "neither $CUDA_HOME/include nor torch's pip nvidia packages hold cusparse.h: install the CUDA $torch_cuda toolkit's library headers (or reinstall torch, whose CUDA build brings them)"
    CPATH="$CUDA_HOME/include:$nv_inc${CPATH:+:$CPATH}"
    export CPATH
  fi
  arches=${TORCH_CUDA_ARCH_LIST:-$DEFAULT_CUDA_ARCHES}
  known=$("$nvcc" --list-gpu-arch | sed -n 's/^compute_\([0-9]*\)\([0-9]\)$/\1.\2/p' | tr '\n' ' ')
  for entry in ${arches//;/ }; do
    cc=${entry%+PTX}
    [[ $cc =~ ^[0-9]+\.[0-9]+$ ]] || fail "TORCH_CUDA_ARCH_LIST entry '$entry' is not a compute capability like 8.0 or 9.0+PTX: fix TORCH_CUDA_ARCH_LIST (default $DEFAULT_CUDA_ARCHES)"
    [[ " $known" == *" $cc "* ]] || fail "nvcc $release cannot compile for compute capability $cc (TORCH_CUDA_ARCH_LIST entry '$entry'; it knows ${known% }): drop it from TORCH_CUDA_ARCH_LIST"
  done
  [ -n "${arches//[; ]/}" ] || fail "TORCH_CUDA_ARCH_LIST is empty: name at least one architecture (default $DEFAULT_CUDA_ARCHES)"
  export CUDA_HOME TORCH_CUDA_ARCH_LIST=$arches
  echo "[mmcv-cuda] nvcc $release matches torch $torch_version; CUDA_HOME=$CUDA_HOME; TORCH_CUDA_ARCH_LIST=$arches${CPATH:+; CPATH=$CPATH}" >&2
}

if [ "${1:-}" = --check ]; then
  [ $# -eq 2 ] || fail "usage: build_mmcv_wheel.sh --check PYTHON"
  cuda_setup "$2"
  echo "$TORCH_CUDA_ARCH_LIST"
  exit 0
fi
[ $# -eq 3 ] || fail "usage: build_mmcv_wheel.sh PYTHON VERSION OUT_DIR (or --check PYTHON)"
PY=$1
VERSION=$2
OUT=$3
CFLAGS_BASE=${MMCV_CFLAGS:--DNDEBUG -fwrapv -O3 -g0}
if [ "${FORCE_CUDA:-0}" = 1 ]; then cuda_setup "$PY"; fi

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
