#!/usr/bin/env bash
# Distributed training: tools/dist_train.sh CONFIG GPUS [train.py args]
# One process per GPU through torchrun; without GPUs, GPUS processes train on the CPU (gloo).
[ $# -ge 2 ] || { echo "usage: $0 CONFIG GPUS [train.py args]" >&2; exit 2; }
exec "$(dirname "$0")/torchrun.sh" "$2" train.py "$1" --launcher pytorch "${@:3}"
