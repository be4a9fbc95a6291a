"""The augmentation figure: the same real images raw and under Mixup, Cutout and CutMix.

Two sources of images:

* a config's validation split (:func:`augmentation_figure`): the batch augmentations of
  the CIFAR configs (``BatchMixup``, ``BatchCutout``, mmpretrain's ``CutMix``) run on the
  normalised batch exactly as in training, with a random pairing inside the batch;
* photos (:func:`photo_figure`, report 000's figure): each resized to ``size`` x ``size``;
  photo i is mixed with photo i+1 (the last with the first), each pair with its own
  lambda ~ Beta(alpha, alpha), on the 0-255 pixels: Mixup ``floor(lam a + (1 - lam) b)``,
  Cutout one black ``cutout_size`` square (centre uniform over the image, clipped at the
  border), CutMix a box of ``floor(sqrt(1 - lam) * side)`` per axis (centre uniform,
  clipped) pasted from the partner. ``REPORT000`` holds that figure's settings.
"""
import math
import os
import os.path as osp

import numpy as np
import torch

from custom_modules.errors import DataError, UserInputError
from custom_modules.plugins.engine.atomic_files import atomic_path

# report 000's figure: 128 px photos, Mixup/CutMix alpha 0.5, Cutout side 32 (1/4 side)
REPORT000 = dict(size=128, alpha=0.5, cutout_size=32)
PHOTO_PANELS = ('raw picture', 'mixup result', 'cutout result', 'cutmix result')


def load_images(config: str, num: int):
    """``num`` validation images of ``config`` (digits as CIFAR without its data)."""
    from mmengine.config import Config
    from mmpretrain.registry import DATASETS
    cfg = Config.fromfile(config)
    dataset_cfg = cfg.val_dataloader.dataset
    if not osp.isdir(osp.join(dataset_cfg.data_root, 'cifar-100-python')):
        print(f'{dataset_cfg.data_root} has no CIFAR-100; using scikit-learn digits instead')
        from ..data.digits import convert
        if not osp.isdir('data/digits_cifar/cifar-10-batches-py'):
            convert('data/digits_cifar')
        dataset_cfg = dict(type='CIFARPickleDataset', data_root='data/digits_cifar',
                           variant='cifar10', check_md5=False)
    dataset = DATASETS.build(dict(dataset_cfg, split='val', pipeline=[]))
    picks = np.linspace(0, len(dataset) - 1, num).astype(int)
    items = [dataset.get_data_info(int(i)) for i in picks]
    images = torch.from_numpy(np.stack([it['img'] for it in items])).permute(0, 3, 1, 2).float()
    return images, torch.tensor([it['gt_label'] for it in items]), dataset.metainfo['classes']


def augmented_panels(images, labels, num_classes, seed, alpha=0.4, cutout_size=8):
    from mmpretrain.models.utils.batch_augments import CutMix

    from custom_modules.plugins.models import BatchCutout, BatchMixup
    mean, std = images.mean((0, 2, 3), keepdim=True), images.std((0, 2, 3), keepdim=True)
    normalised = (images - mean) / std
    scores = torch.nn.functional.one_hot(labels, num_classes).float()
    panels = {'raw': (images, scores)}
    for name, augment in ((f'Mixup α={alpha:g}', BatchMixup(alpha)),
                          (f'Cutout k={cutout_size}', BatchCutout(cutout_size)),
                          (f'CutMix α={alpha:g}', CutMix(alpha))):
        np.random.seed(seed), torch.manual_seed(seed)
        mixed, mixed_scores = augment(normalised, scores)
        panels[name] = (mixed * std + mean, mixed_scores)
    return panels


def draw_grid(columns, captions, out):
    """One column per entry of ``columns`` (name -> list of HxWx3 uint8 images), one row per
    image; ``captions`` has the same shape; column names head the first row."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    names = list(columns)
    rows = len(columns[names[0]])
    fig, axes = plt.subplots(rows, len(names), figsize=(2.3 * len(names), 2.3 * rows),
                             squeeze=False)
    for col, name in enumerate(names):
        for row in range(rows):
            ax = axes[row, col]
            ax.imshow(columns[name][row], interpolation='nearest')
            caption = captions[name][row]
            ax.set_title(f'{name}\n{caption}' if row == 0 else caption, fontsize=7)
            ax.axis('off')
    fig.tight_layout()
    with atomic_path(out) as tmp_png:
        fig.savefig(tmp_png, dpi=110)
    plt.close(fig)


def draw(panels, classes, out):
    columns, captions = {}, {}
    for name, (images, scores) in panels.items():
        columns[name] = [im.permute(1, 2, 0).clamp(0, 255).byte().numpy() for im in images]
        captions[name] = []
        for row in scores:
            top = row.topk(2)
            captions[name].append(' + '.join(f'{w:.2f} {classes[i]}'
                                             for w, i in zip(*top) if w > 0.005))
    draw_grid(columns, captions, out)


def augmentation_figure(config: str, num: int = 6, seed: int = 0,
                        out: str = 'work_dirs/vis_augment.png', alpha: float = 0.4,
                        cutout_size: int = 8) -> str:
    """Write the raw / Mixup / Cutout / CutMix grid of ``num`` images to ``out``."""
    import custom_modules  # noqa: F401  (registers the datasets and batch augmentations)
    images, labels, classes = load_images(config, num)
    panels = augmented_panels(images, labels, len(classes), seed, alpha, cutout_size)
    draw(panels, classes, out)
    print(f'wrote {out}')
    return out


def load_photos(paths, size):
    """``(names, [size x size x 3 uint8 RGB])``: each photo resized with PIL's bicubic
    filter, ignoring its aspect ratio."""
    from PIL import Image, UnidentifiedImageError
    if len(paths) < 2:
        raise UserInputError(f'give at least two images to pair, got {len(paths)}')
    photos = []
    for path in paths:
        try:
            with Image.open(path) as image:
                photos.append(np.asarray(image.convert('RGB').resize((size, size),
                                                                     Image.BICUBIC)))
        except (UnidentifiedImageError, OSError) as exc:
            if isinstance(exc, FileNotFoundError):
                raise
            raise DataError(f'cannot read image {path}: {exc}') from None
    names = [osp.splitext(osp.basename(p))[0] for p in paths]
    return names, photos


def _box(rng, height, width, box_h, box_w):
    """Rows and columns ``[c - s // 2, c - s // 2 + s)`` around a uniform integer centre,
    clipped to the image."""
    cy, cx = int(rng.integers(height)), int(rng.integers(width))
    top, left = cy - box_h // 2, cx - box_w // 2
    return (slice(max(top, 0), min(top + box_h, height)),
            slice(max(left, 0), min(left + box_w, width)))


def photo_panels(names, photos, alpha, cutout_size, seed):
    """``(columns, captions, files)`` of the four panels (see the module docstring);
    ``files`` maps a PNG name (``a_mixup_b.png`` ...) to its image."""
    rng = np.random.default_rng(seed)
    columns = {name: [] for name in PHOTO_PANELS}
    captions = {name: [] for name in PHOTO_PANELS}
    files = {}
    for i, (a, image) in enumerate(zip(names, photos)):
        j = (i + 1) % len(photos)
        b, partner = names[j], photos[j]
        height, width = image.shape[:2]
        mix_lam = float(rng.beta(alpha, alpha))
        mixup = np.floor(mix_lam * image + (1 - mix_lam) * partner.astype(np.float64))
        cutout = image.copy()
        cutout[_box(rng, height, width, cutout_size, cutout_size)] = 0
        cut_lam = float(rng.beta(alpha, alpha))
        rows, cols = _box(rng, height, width, int(math.sqrt(1 - cut_lam) * height),
                          int(math.sqrt(1 - cut_lam) * width))
        cutmix = image.copy()
        cutmix[rows, cols] = partner[rows, cols]
        pasted = (rows.stop - rows.start) * (cols.stop - cols.start) / (height * width)
        for panel, picture, caption, file in (
                ('raw picture', image, a, f'{a}_raw.png'),
                ('mixup result', mixup.astype(np.uint8),
                 f'{mix_lam:.2f} {a} + {1 - mix_lam:.2f} {b}', f'{a}_mixup_{b}.png'),
                ('cutout result', cutout, f'{a}, {cutout_size}x{cutout_size} square',
                 f'{a}_cutout.png'),
                ('cutmix result', cutmix, f'{1 - pasted:.2f} {a} + {pasted:.2f} {b}',
                 f'{a}_cutmix_{b}.png')):
            columns[panel].append(picture)
            captions[panel].append(caption)
            files[file] = picture
    return columns, captions, files


def photo_figure(paths, out: str = 'work_dirs/vis_augment.png', size: int = 128,
                 alpha: float = 0.5, cutout_size: int = 32, seed: int = 0,
                 panel_dir: str = None) -> str:
    """Write the raw / mixup / cutout / cutmix grid of the photos ``paths`` to ``out`` and,
    with ``panel_dir``, every panel as its own PNG there."""
    from PIL import Image
    if size < 1 or cutout_size < 0 or alpha <= 0:
        raise UserInputError(f'need size >= 1, cutout size >= 0 and alpha > 0, got size '
                             f'{size}, cutout size {cutout_size}, alpha {alpha}')
    names, photos = load_photos(paths, size)
    if len(set(names)) < len(names):
        raise UserInputError(f'the images need different file names, got {" ".join(names)}')
    columns, captions, files = photo_panels(names, photos, alpha, cutout_size, seed)
    draw_grid(columns, captions, out)
    print(f'wrote {out}')
    if panel_dir:
        os.makedirs(panel_dir, exist_ok=True)
        for name, picture in files.items():
            with atomic_path(osp.join(panel_dir, name)) as tmp_png:
                Image.fromarray(picture).save(tmp_png, format='PNG')
        print(f'wrote {len(files)} panels to {panel_dir}')
    return out
