#!/usr/bin/env bash
# Shared torchrun launcher of dist_train.sh / dist_test.sh: torchrun.sh NPROC SCRIPT [args]
# NNODES, NODE_RANK, MASTER_ADDR and PORT come from the environment (one node by default).
set -e
NPROC=$1
SCRIPT=$2
HERE=$(cd "$(dirname "$0")" && pwd)
PYTHON=${PYTHON:-$(command -v "$HERE/../.venv/bin/python" || command -v python)}
PYTHONPATH="$HERE/..:$PYTHONPATH" exec "$PYTHON" -m torch.distributed.run \
    --nnodes="${NNODES:-1}" --node_rank="${NODE_RANK:-0}" \
    --master_addr="${MASTER_ADDR:-127.0.0.1}" --master_port="${PORT:-29500}" \
    --nproc_per_node="$NPROC" "$HERE/$SCRIPT" "${@:3}"
