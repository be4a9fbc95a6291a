"""Check that a CUDA build of mmcv holds kernels for every listed GPU architecture.

Reads the fat binaries in the wheel's (or a library's) ``.nv_fatbin`` section,
as ``cuobjdump --list-elf --list-ptx`` would, prints the cubin (sm_XY) and PTX
(compute_XY) counts of each library, and ends with exit code 2 and one
``error:`` line when an architecture of the list has none.

    python tools/check_mmcv_wheel.py WHEEL_OR_SO [--arch-list "7.5;8.0;9.0+PTX"]
"""
import argparse
import os

from custom_modules.apps.analysis.cuda_kernels import check_library
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('path', help='an mmcv wheel, or a compiled library such as mmcv/_ext*.so')
    parser.add_argument('--arch-list', default=os.environ.get('TORCH_CUDA_ARCH_LIST',
                                                              '7.5;8.0;9.0+PTX'),
                        help='architectures that must be there, in TORCH_CUDA_ARCH_LIST form '
                        '(default: $TORCH_CUDA_ARCH_LIST, else the build default 7.5;8.0;9.0+PTX)')
    add_debug_arg(parser)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug):
        for line in check_library(args.path, args.arch_list):
            print(line)
        print(f'ok: kernels for every entry of {args.arch_list}')


if __name__ == '__main__':
    main()
