"""Derived configs and short runs of the real tools, for tests."""
import contextlib
import io
import os
import os.path as osp
import runpy
import subprocess
import sys
import traceback

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
DEMO_CONFIG = osp.join(REPO, 'configs/demo/resnet18-w16-cifar_1xb32_digits.py')


def write_config(path, base, **overrides):
    """Write a config at ``path`` inheriting ``base`` with ``key = repr(value)`` lines."""
    lines = [f'_base_ = [{base!r}]']
    lines += [f'{key} = {value!r}' for key, value in overrides.items()]
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    return str(path)


def tiny_cifar10_config(path, data_root, max_epochs=1, batch_size=8, **extra):
    """The demo config (a ResNet-18 of 16 base channels) on generated CIFAR-10 data, small
    batches, no workers."""
    dataset = dict(data_root=str(data_root))
    return write_config(
        path, DEMO_CONFIG,
        train_dataloader=dict(batch_size=batch_size, num_workers=0, dataset=dataset),
        val_dataloader=dict(batch_size=batch_size, num_workers=0, dataset=dataset),
        test_dataloader=dict(batch_size=batch_size, num_workers=0, dataset=dataset),
        train_cfg=dict(max_epochs=max_epochs),
        param_scheduler=[dict(type='ConstantLR', factor=1.0, by_epoch=True)],
        **{'default_hooks': dict(logger=dict(interval=1)), **extra})



def tiny_cifar10_run_config(tmp_path, max_epochs=2, batch_size=8):
    """A Config of :func:`tiny_cifar10_config` on generated data of 3 images per class, split
    20 training / 10 validation images, work dir ``tmp_path/work``, scalars logged locally
    only (no TensorBoard), for tests that build a Runner themselves."""
    from mmengine.config import Config

    from .cifar_data import make_cifar10
    make_cifar10(tmp_path / 'data', per_class_train=3)
    cfg = Config.fromfile(tiny_cifar10_config(tmp_path / 'cfg.py', tmp_path / 'data',
                                              max_epochs=max_epochs, batch_size=batch_size))
    cfg.work_dir = str(tmp_path / 'work')
    for loader in (cfg.train_dataloader, cfg.val_dataloader):
        loader.dataset.val_fraction = 0.34  # one image per class held out
    cfg.visualizer.vis_backends = [dict(type='LocalVisBackend')]
    return cfg

def run_command(command, env=None, timeout=600):
    """Run ``command`` from the repo root with this interpreter as PYTHON.

    The repo root goes on PYTHONPATH so that test configs can ``custom_imports``
    the tests' own helper modules (``tests.helpers...``); the package itself is
    installed and needs no path."""
    path = os.pathsep.join(p for p in (REPO, os.environ.get('PYTHONPATH')) if p)
    full_env = dict(os.environ, OMP_NUM_THREADS='1', PYTHONUNBUFFERED='1',
                    PYTHON=sys.executable, PYTHONPATH=path, **(env or {}))
    return subprocess.run(command, cwd=REPO, env=full_env, capture_output=True,
                          text=True, timeout=timeout)


def run_tool(*args, env=None, timeout=600):
    """Run ``python <args>`` (a tool script and its arguments) from the repo root."""
    return run_command([sys.executable, *args], env=env, timeout=timeout)


def run_cli(script, *args):
    """Run ``python <script> args`` in this process (the CLI as a user runs it, without the
    cost of a new interpreter); returns the exit code. Output goes to pytest's capsys."""
    saved = sys.argv
    sys.argv = [script, *map(str, args)]
    try:
        runpy.run_path(osp.join(REPO, script), run_name='__main__')
        return 0
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else int(e.code is not None)
    finally:
        sys.argv = saved


def run_script(script, *args, threads=None):
    """Like :func:`run_tool` (``python <script> args``, returns a ``CompletedProcess`` with
    the exit code and the captured output) but in this process: no new interpreter to start.
    For tools whose test needs no process of its own (no signals, no second process, no
    environment of its own). An exception that escapes the tool is printed with its
    traceback and gives exit code 1, as in a subprocess. ``threads`` sets torch's thread
    count for the call (results equal to a subprocess's with ``OMP_NUM_THREADS`` as many)."""
    import torch
    out, err = io.StringIO(), io.StringIO()
    saved_threads = torch.get_num_threads()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            if threads:
                torch.set_num_threads(threads)
            code = run_cli(script, *args)
        except Exception:  # what the interpreter would print before exiting with 1
            traceback.print_exc()
            code = 1
        finally:
            torch.set_num_threads(saved_threads)
    return subprocess.CompletedProcess([script, *args], code, out.getvalue(), err.getvalue())
