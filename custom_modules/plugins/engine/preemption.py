"""Preemption: on SIGTERM, finish the iteration, save a resumable checkpoint, exit 143.

Slurm (preemption, ``--signal=TERM@<seconds>``) and Kubernetes (eviction) ask a job
to stop with SIGTERM and kill it a grace period later. Stock OpenMMLab does not react:
the process dies where it is and every iteration since the last interval checkpoint
is lost. And mmengine could not resume mid-epoch anyway: ``EpochBasedTrainLoop``
checks ``stop_training`` only between epochs and, resumed from a checkpoint saved
mid-epoch, reruns the whole epoch (its ``IterBasedTrainLoop`` does skip the batches
already trained). Two pieces here, both used by every ``tools/train.py`` run
(:func:`enable_preemption`, called by ``build_train_cfg``):

- :class:`PreemptionHook` turns SIGTERM into a flag; after the current iteration it
  saves ``iter_<N>.pth`` (``N`` iterations done), points ``last_checkpoint`` at it
  (atomic writes) and stops the loop; when the Runner is done it raises
  :class:`TrainingPreempted`, exit code 143 if uncaught.
- :class:`ResumableEpochBasedTrainLoop` stops mid-epoch on that flag and, resumed
  from such a checkpoint, skips the epoch's batches already trained by advancing the
  dataloader (as the iteration loop does, so the sampler order and the workers'
  augmentation randomness are the uninterrupted run's), then restores the main
  process's torch/numpy/random states saved at the stop: the weights come out
  bit-identical to an uninterrupted run's on deterministic kernels.

Exit code 143 (128 + SIGTERM, what a shell reports for a job killed by SIGTERM)
means "stopped, not finished: resume me". Exit 0 would tell ``&&`` chains, ``make``,
a Kubernetes Job (``restartPolicy: OnFailure`` restarts only on non-zero codes) and a
Slurm script that training is complete. A Slurm job submitted with ``--requeue`` is
requeued on preemption whatever the code; on a ``--signal`` warning before the time
limit ``tools/slurm_train.sh`` requeues it itself when it sees 143.
"""
import os
import os.path as osp
import random
import signal
import threading
import weakref

import numpy as np
import torch
from mmengine.dist import all_gather_object, all_reduce, barrier, get_rank, is_main_process
from mmengine.fileio import join_path
from mmengine.hooks import CheckpointHook, Hook
from mmengine.logging import print_log
from mmengine.registry import HOOKS, LOOPS
from mmengine.runner import EpochBasedTrainLoop, IterBasedTrainLoop

from .atomic_local_backend import atomic_write_bytes

PREEMPTED_EXIT_CODE = 128 + signal.SIGTERM  # 143
MID_EPOCH_KEY = 'mid_epoch_resume'  # message hub info, saved with the checkpoint


class TrainingPreempted(SystemExit):
    """Raised at the end of a Runner's ``train()`` stopped by SIGTERM (after its checkpoint
    is saved); uncaught, the interpreter exits with :data:`PREEMPTED_EXIT_CODE`."""


def rng_states() -> dict:
    """The main process's torch (CPU, CUDA), numpy and ``random`` states, in types that
    safe (``weights_only``) checkpoint loading accepts."""
    name, keys, *rest = np.random.get_state()
    return dict(torch=torch.get_rng_state(),
                cuda=torch.cuda.get_rng_state_all() if torch.cuda.is_initialized() else [],
                numpy=(name, torch.from_numpy(keys.astype(np.int64)), *rest),
                random=random.getstate())


def set_rng_states(states: dict) -> None:
    """Restore what :func:`rng_states` returned."""
    torch.set_rng_state(states['torch'])
    if states['cuda'] and len(states['cuda']) == torch.cuda.device_count():
        torch.cuda.set_rng_state_all(states['cuda'])
    name, keys, *rest = states['numpy']
    np.random.set_state((name, keys.numpy().astype(np.uint32), *rest))
    random.setstate(states['random'])


def _type_name(spec) -> str:
    kind = spec.get('type', '') if isinstance(spec, dict) else type(spec)
    return kind.__name__ if isinstance(kind, type) else str(kind).split('.')[-1]


def enable_preemption(cfg):
    """Add a :class:`PreemptionHook` to ``cfg.custom_hooks`` unless there is one, and make
    a plain epoch loop (``by_epoch=True`` or ``EpochBasedTrainLoop``) a
    :class:`ResumableEpochBasedTrainLoop`; other loop types are left alone."""
    hooks = list(cfg.get('custom_hooks') or [])
    if not any(_type_name(hook) == 'PreemptionHook' for hook in hooks):
        hooks.append(dict(type='PreemptionHook'))
    cfg.custom_hooks = hooks
    loop = cfg.get('train_cfg')
    if loop and (_type_name(loop) == 'EpochBasedTrainLoop'
                 or ('type' not in loop and loop.get('by_epoch'))):
        loop.pop('by_epoch', None)
        loop['type'] = 'ResumableEpochBasedTrainLoop'
    return cfg


def _default_sigterm_in_child() -> None:
    """In a forked child, SIGTERM's default action instead of an inherited hook's handler."""
    if isinstance(getattr(signal.getsignal(signal.SIGTERM), '__self__', None), PreemptionHook):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


os.register_at_fork(after_in_child=_default_sigterm_in_child)


@HOOKS.register_module()
class PreemptionHook(Hook):
    """On SIGTERM: finish the iteration, save ``iter_<N>.pth``, stop, exit 143.

    Stock OpenMMLab has no signal handling: a preempted job loses everything since its
    last interval checkpoint. The handler only sets a flag in the training process;
    processes forked from it (dataloader workers, mmdet's evaluation pool) get the
    default action back at the fork: a Python handler cannot run in a child stuck on a
    lock, and torch and ``multiprocessing`` stop stuck children with SIGTERM (so send
    the signal to the training processes, not to their whole process group). After each training
    iteration the flag is ``all_reduce``-d (max) over the ranks, so every rank stops
    after the same iteration even if only some got the signal. The checkpoint goes where
    the ``CheckpointHook`` saves (the work dir by default); rank 0 writes it and
    ``last_checkpoint`` atomically and all ranks wait on a barrier before exiting (a
    launcher that kills the job when one rank exits would otherwise cut the save short).
    It is not one of ``CheckpointHook``'s numbered checkpoints, so ``max_keep_ckpts``
    never deletes it. The previous SIGTERM handler comes back in ``after_run``; if the
    run dies of an exception first, the handler notices that the Runner's ``train()`` is
    no longer on the stack and passes the signal to the previous handler. Active with
    :class:`ResumableEpochBasedTrainLoop` and mmengine's ``IterBasedTrainLoop`` (which
    resumes mid-run by itself); with other loops it warns and leaves SIGTERM alone. A
    signal during validation takes effect after the next training iteration.

    Args:
        exit_code (int): Code of the :class:`TrainingPreempted` raised at the end of a
            stopped run. Defaults to 143 (128 + SIGTERM).

    Example::

        custom_hooks = [dict(type='PreemptionHook')]  # tools/train.py adds it anyway
    """

    priority = 'LOWEST'  # after_train_iter after the schedulers, EMA and logger hooks

    def __init__(self, exit_code: int = PREEMPTED_EXIT_CODE):
        self.exit_code = exit_code
        self.requested = self.preempted = self._installed = False

    def before_train(self, runner) -> None:
        loop = runner.train_loop
        if not (isinstance(loop, IterBasedTrainLoop) or hasattr(loop, 'resume_mid_epoch')):
            runner.logger.warning(f'PreemptionHook: {type(loop).__name__} cannot resume '
                                  'mid-epoch; SIGTERM keeps its default action')
        elif threading.current_thread() is threading.main_thread():
            self._runner = weakref.ref(runner)
            self._previous = signal.signal(signal.SIGTERM, self._on_sigterm)
            self._installed = True

    def _on_sigterm(self, signum, frame) -> None:
        runner, caller, training = self._runner(), frame, False
        while caller is not None and runner is not None and not training:
            training = caller.f_code.co_name == 'train' and caller.f_locals.get('self') is runner
            caller = caller.f_back
        if training:
            self.requested = True
            return
        previous = self._restore()  # the run ended without after_run: act as before it
        if callable(previous):
            previous(signum, frame)
        elif previous == signal.SIG_DFL:
            os.kill(os.getpid(), signum)

    def _restore(self):
        previous = signal.SIG_DFL if self._previous is None else self._previous
        signal.signal(signal.SIGTERM, previous)
        self._installed = False
        return previous

    def after_train_iter(self, runner, batch_idx, data_batch=None, outputs=None) -> None:
        if not self._installed:
            return
        flag = torch.tensor(int(self.requested))
        all_reduce(flag, op='max')
        if not flag.item():
            return
        loop, done = runner.train_loop, runner.iter + 1
        if hasattr(loop, 'resume_mid_epoch'):  # rank-ordered states, for each rank to pick
            runner.message_hub.update_info(MID_EPOCH_KEY, dict(
                batches=batch_idx + 1, rng=all_gather_object(rng_states())))
        saver = next((h for h in runner.hooks if isinstance(h, CheckpointHook)), None)
        out_dir = (saver.out_dir if saver else None) or runner.work_dir
        backend_args = saver.backend_args if saver else None
        filename = f'iter_{done}.pth'
        runner.save_checkpoint(out_dir, filename, by_epoch=False, backend_args=backend_args)
        path = join_path(out_dir, filename, backend_args=backend_args)
        if is_main_process():
            atomic_write_bytes(path.encode(), osp.join(runner.work_dir, 'last_checkpoint'))
        barrier()
        runner.message_hub.pop_info(MID_EPOCH_KEY)
        loop.stop_training = self.preempted = True
        runner.logger.warning(
            f'SIGTERM: stopped after iteration {done} (epoch {runner.epoch + 1}, batch '
            f'{batch_idx + 1}/{len(loop.dataloader)}), saved {path}; exit code '
            f'{self.exit_code}, continue with --resume')

    def after_run(self, runner) -> None:
        if self._installed:
            self._restore()
        if self.preempted:
            self.preempted = False
            raise TrainingPreempted(self.exit_code)


@LOOPS.register_module()
class ResumableEpochBasedTrainLoop(EpochBasedTrainLoop):
    """``EpochBasedTrainLoop`` that can stop after any iteration and resume exactly there.

    mmengine's epoch loop checks ``stop_training`` only between epochs and, resumed from
    a checkpoint saved mid-epoch, trains the whole epoch again. This one stops right
    after the iteration in which ``stop_training`` is set (no ``after_train_epoch``,
    validation or ``after_train``: the epoch is unfinished), and when the checkpoint
    came from :class:`PreemptionHook` it advances the dataloader past the batches of
    the epoch already trained and restores the random states saved at the stop. From
    a checkpoint saved between epochs it behaves exactly as mmengine's loop. (With
    ``persistent_workers=True`` the workers' random streams restart at a resume, as at
    any mmengine resume, so augmentation drawn in workers is then not reproduced.)

    Args:
        **kwargs: ``EpochBasedTrainLoop``'s (``max_epochs``, ``val_begin``,
            ``val_interval``, ``dynamic_intervals``), unchanged.

    Example::

        train_cfg = dict(type='ResumableEpochBasedTrainLoop', max_epochs=12,
                         val_interval=1)  # tools/train.py swaps by_epoch=True for it
    """

    def run(self):
        self.runner.call_hook('before_train')
        while self._epoch < self._max_epochs and not self.stop_training:
            if not self.run_epoch():
                return self.runner.model  # stopped mid-epoch
            self._decide_current_val_interval()
            if (self.runner.val_loop is not None and self._epoch >= self.val_begin
                    and (self._epoch % self.val_interval == 0
                         or self._epoch == self._max_epochs)):
                self.runner.val_loop.run()
        self.runner.call_hook('after_train')
        return self.runner.model

    def run_epoch(self) -> bool:
        """Train (the rest of) an epoch; False if stopped before its end."""
        self.runner.call_hook('before_train_epoch')
        self.runner.model.train()
        batches = iter(self.dataloader)
        done = self.resume_mid_epoch(batches)
        for idx, data_batch in enumerate(batches, start=done):
            self.run_iter(idx, data_batch)
            if self.stop_training:
                return False
        self.runner.call_hook('after_train_epoch')
        self._epoch += 1
        return True

    def resume_mid_epoch(self, batches) -> int:
        """Skip the batches trained before a mid-epoch stop; their number (0 if none)."""
        state = self.runner.message_hub.pop_info(MID_EPOCH_KEY)
        if not state:
            return 0
        print_log(f'Advance dataloader {state["batches"]} steps to skip data that has '
                  'already been trained', logger='current')
        for _ in range(state['batches']):
            next(batches)
        states = state['rng']
        set_rng_states(states[get_rank()] if get_rank() < len(states) else states[0])
        return state['batches']
