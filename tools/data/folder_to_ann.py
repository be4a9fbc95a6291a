"""Turn a folder of class folders (``animals/cat/*.jpg``) into mmpretrain annotation files.

    python tools/data/folder_to_ann.py data/animals [--val-fraction 0.2] [--seed 0]

Writes ``classes.txt`` (one class per line, sorted), ``train.txt`` and
``val.txt`` (``<class>/<file> <label>`` per line) into the folder, shuffled
with the seed and split per class, prints how many images each class has and
refuses unreadable images: they are left out and listed with their paths.
"""
import argparse
import os
import os.path as osp
import sys

import numpy as np

from custom_modules.plugins.datasets.image_files import is_image_file, is_readable_image


def scan(root: str):
    """Return ``(classes, {class: [relative paths]}, [unreadable paths])``."""
    classes = sorted(d for d in os.listdir(root) if osp.isdir(osp.join(root, d)))
    if not classes:
        raise SystemExit(f'error: {root} has no class folders (expected {root}/<class>/<image>)')
    images, unreadable = {}, []
    for name in classes:
        files = sorted(f for f in os.listdir(osp.join(root, name)) if is_image_file(f))
        images[name] = []
        for f in files:
            if is_readable_image(osp.join(root, name, f)):
                images[name].append(f'{name}/{f}')
            else:
                unreadable.append(osp.join(root, name, f))
    return classes, images, unreadable


def split(classes, images, val_fraction: float, seed: int):
    rng = np.random.default_rng(seed)
    train, val = [], []
    for label, name in enumerate(classes):
        files = list(rng.permutation(images[name]))
        n_val = int(np.floor(val_fraction * len(files) + 0.5))
        val += [(f, label) for f in files[:n_val]]
        train += [(f, label) for f in files[n_val:]]
    order = rng.permutation(len(train))
    return [train[i] for i in order], val


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('root', help='folder containing one sub-folder of images per class')
    parser.add_argument('--val-fraction', type=float, default=0.2)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--out', help='where to write the files (default: root)')
    args = parser.parse_args()
    if not osp.isdir(args.root):
        sys.exit(f'error: {args.root} is not a folder')
    classes, images, unreadable = scan(args.root)
    train, val = split(classes, images, args.val_fraction, args.seed)
    out = args.out or args.root
    os.makedirs(out, exist_ok=True)
    with open(osp.join(out, 'classes.txt'), 'w') as f:
        f.write('\n'.join(classes) + '\n')
    for name, rows in (('train.txt', train), ('val.txt', val)):
        with open(osp.join(out, name), 'w') as f:
            f.writelines(f'{path} {label}\n' for path, label in rows)
    for name in classes:
        print(f'{name}: {len(images[name])} images')
    print(f'{len(classes)} classes, {len(train)} train / {len(val)} val images -> {out}')
    if unreadable:
        print(f'refused {len(unreadable)} unreadable image(s):', file=sys.stderr)
        for path in unreadable:
            print(f'  {path}', file=sys.stderr)


if __name__ == '__main__':
    main()
