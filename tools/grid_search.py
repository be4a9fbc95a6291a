"""Grid search over config values (e.g. learning rate x epochs), one run_matrix run per point.

    python tools/grid_search.py configs/cub/resnet18_1xb32-pretrained_cub200.py \
        --grid lr=0.005,0.01,0.02 --grid epochs=20 [--gpus 4]

``lr`` is short for optim_wrapper.optimizer.lr and ``epochs`` for
train_cfg.max_epochs (plus the cosine scheduler's T_max when the config has
one); any dotted config key works too. Each grid point becomes a small config
inheriting CONFIG (in <work-root>/grid_<name>/configs/), each is trained and
tested like tools/run_matrix.py does (skipping finished points, resuming
interrupted ones), and the best point by validation top-1 is reported with
grid.md / grid.csv / curves.png. Exit code 2 for bad input, 1 when a point failed.
"""
import argparse
import sys

from custom_modules.apps.run.grid import run_grid
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('config')
    parser.add_argument('--grid', action='append', required=True, help='KEY=V1,V2,...')
    parser.add_argument('--work-root', default='work_dirs')
    parser.add_argument('--gpus', type=int, default=1)
    args = parser.parse_args(argv)
    with user_errors(args.debug):
        failed = run_grid(args.config, args.grid, args.work_root, args.gpus)
    if failed:
        print(f'error: {len(failed)} grid point(s) failed: {", ".join(failed)}', file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
