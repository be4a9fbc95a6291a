#!/usr/bin/env bash
# Training on a Slurm cluster: tools/slurm_train.sh PARTITION JOB_NAME CONFIG [WORK_DIR] [train.py args]
# GPUS (default 8), GPUS_PER_NODE (8), CPUS_PER_TASK (5) and SRUN_ARGS come from the environment.
#
# Preemption and time limits: on SIGTERM every rank finishes the same iteration, rank 0
# writes WORK_DIR/iter_<N>.pth (last_checkpoint points to it) and training exits with 143
# (128 + SIGTERM: stopped, not finished); `--resume` continues exactly there. So that
# Slurm sends SIGTERM early enough and puts the job back in the queue, submit with
#   sbatch -p PARTITION --requeue --signal=TERM@120 [--open-mode=append] \
#       --wrap "tools/slurm_train.sh PARTITION JOB_NAME CONFIG WORK_DIR"
# (or the same as #SBATCH lines in a batch script that calls this one).
# --requeue: a job preempted by a higher-priority one (PreemptMode=REQUEUE) goes back to
#   the queue whatever its exit code; Slurm sends SIGTERM, then SIGKILL after the
#   partition's GraceTime, which must cover one iteration and one checkpoint save.
# --signal=TERM@120: SIGTERM to the job's steps (the training processes) 120 s before the
#   time limit; make it longer than an iteration plus a save, and a validation if one may
#   be running (the signal takes effect after the next training iteration). Not B:TERM,
#   which would signal only this script. Dataloader workers that get the signal
#   themselves end as by default (torch relies on it to stop stuck workers), which ends
#   the run with a dataloader error instead of a checkpoint: where a cluster signals
#   every process of the step, the interval checkpoints are what --resume finds. Slurm does not requeue a job at its time limit,
#   so this script does it (scontrol requeue) when training exits with 143.
# A requeued run (SLURM_RESTART_COUNT > 0) gets --resume: it continues from the work dir's
# last checkpoint. Outside sbatch (srun's own allocation), SRUN_ARGS="--signal=TERM@120"
# gives the warning; nothing requeues.
set -x
PARTITION=$1
JOB_NAME=$2
CONFIG=$3
WORK_DIR=${4:-work_dirs/$(basename "$CONFIG" .py)}
GPUS=${GPUS:-8}
GPUS_PER_NODE=${GPUS_PER_NODE:-8}
CPUS_PER_TASK=${CPUS_PER_TASK:-5}
SRUN_ARGS=${SRUN_ARGS:-""}
HERE=$(cd "$(dirname "$0")" && pwd)
PYTHON=${PYTHON:-$(command -v "$HERE/../.venv/bin/python" || command -v python)}
PREEMPTED=143
RESUME=()
if [ "${SLURM_RESTART_COUNT:-0}" -gt 0 ]; then
    RESUME=(--resume)
fi
# a preempted batch script gets SIGTERM too: wait for the training's checkpoint, not die
trap 'echo "slurm_train.sh: SIGTERM, waiting for training to save a checkpoint" >&2' TERM

PYTHONPATH="$HERE/..:$PYTHONPATH" \
srun -p "$PARTITION" --job-name="$JOB_NAME" --gres=gpu:"$GPUS_PER_NODE" \
    --ntasks="$GPUS" --ntasks-per-node="$GPUS_PER_NODE" \
    --cpus-per-task="$CPUS_PER_TASK" --kill-on-bad-exit=1 $SRUN_ARGS \
    "$PYTHON" -u "$HERE/train.py" "$CONFIG" --work-dir="$WORK_DIR" --launcher=slurm "${@:5}" \
    "${RESUME[@]}"
rc=$?
if [ "$rc" -eq "$PREEMPTED" ] && [ -n "${SLURM_JOB_ID:-}" ]; then
    scontrol requeue "$SLURM_JOB_ID" || true  # already requeued if Slurm preempted it
fi
exit "$rc"
