"""Run a list or glob of configs one after another: train, then test the best checkpoint.

    python tools/run_matrix.py 'configs/cifar100/*.py' [--gpus 4] [--cfg-options k=v ...]

A config whose work dir already has test_metrics.json is skipped; one with a
``last_checkpoint`` is resumed; others start fresh. Work dirs follow the
OpenMMLab layout (``work_dirs/<config name>``); ``tools/report.py`` reads them.
"""
import argparse
import glob
import os.path as osp
import subprocess
import sys
import time


from custom_modules.apps.experiments import METRICS_FILE, train_then_test


def expand(patterns):
    configs = []
    for pattern in patterns:
        matches = sorted(glob.glob(pattern, recursive=True)) if glob.has_magic(pattern) else [pattern]
        configs += [m for m in matches if '_base_' not in m and m not in configs]
    return configs


def experiment_meta(config: str) -> dict:
    from mmengine.config import Config
    return dict(Config.fromfile(config).get('experiment') or {})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('configs', nargs='+', help='config files or glob patterns')
    parser.add_argument('--work-root', default='work_dirs')
    parser.add_argument('--gpus', type=int, default=1, help='> 1: through tools/dist_train.sh')
    parser.add_argument('--cfg-options', nargs='+', default=[], help='passed to every run')
    args = parser.parse_args()

    configs = expand(args.configs)
    if not configs:
        sys.exit(f'error: no config matches {args.configs}')
    failed = []
    for i, config in enumerate(configs, 1):
        name = osp.splitext(osp.basename(config))[0]
        work_dir = osp.join(args.work_root, name)
        prefix = f'[{i}/{len(configs)}] {name}'
        if osp.isfile(osp.join(work_dir, METRICS_FILE)):
            print(f'{prefix}: finished earlier, skipping', flush=True)
            continue
        resume = osp.isfile(osp.join(work_dir, 'last_checkpoint'))
        print(f'{prefix}: {"resuming" if resume else "starting"}', flush=True)
        start = time.time()
        try:
            options = ['--cfg-options', *args.cfg_options] if args.cfg_options else []
            metrics = train_then_test(config, work_dir, options, gpus=args.gpus,
                                      resume=resume, meta=experiment_meta(config))
        except (subprocess.CalledProcessError, RuntimeError) as e:
            failed.append(name)
            print(f'{prefix}: FAILED after {time.time() - start:.0f} s ({e})', flush=True)
            continue
        scores = ', '.join(f'{k} {v:.2f}' for k, v in metrics.items() if k.startswith('accuracy/'))
        print(f'{prefix}: done in {time.time() - start:.0f} s, test {scores}', flush=True)
    if failed:
        sys.exit(f'error: {len(failed)} run(s) failed: {", ".join(failed)}')


if __name__ == '__main__':
    main()
