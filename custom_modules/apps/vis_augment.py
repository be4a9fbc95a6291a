"""The augmentation figure: the same real images raw and under Mixup, Cutout and CutMix."""
import os.path as osp

import numpy as np
import torch

from custom_modules.plugins.engine.atomic_files import atomic_path


def load_images(config: str, num: int):
    """``num`` validation images of ``config`` (digits as CIFAR without its data)."""
    from mmengine.config import Config
    from mmpretrain.registry import DATASETS
    cfg = Config.fromfile(config)
    dataset_cfg = cfg.val_dataloader.dataset
    if not osp.isdir(osp.join(dataset_cfg.data_root, 'cifar-100-python')):
        print(f'{dataset_cfg.data_root} has no CIFAR-100; using scikit-learn digits instead')
        from .data.digits import convert
        if not osp.isdir('data/digits_cifar/cifar-10-batches-py'):
            convert('data/digits_cifar')
        dataset_cfg = dict(type='CIFARPickleDataset', data_root='data/digits_cifar',
                           variant='cifar10', check_md5=False)
    dataset = DATASETS.build(dict(dataset_cfg, split='val', pipeline=[]))
    picks = np.linspace(0, len(dataset) - 1, num).astype(int)
    items = [dataset.get_data_info(int(i)) for i in picks]
    images = torch.from_numpy(np.stack([it['img'] for it in items])).permute(0, 3, 1, 2).float()
    return images, torch.tensor([it['gt_label'] for it in items]), dataset.metainfo['classes']


def augmented_panels(images, labels, num_classes, seed):
    from mmpretrain.models.utils.batch_augments import CutMix

    from custom_modules.plugins.models import BatchCutout, BatchMixup
    mean, std = images.mean((0, 2, 3), keepdim=True), images.std((0, 2, 3), keepdim=True)
    normalised = (images - mean) / std
    scores = torch.nn.functional.one_hot(labels, num_classes).float()
    panels = {'raw': (images, scores)}
    for name, augment in (('Mixup α=0.4', BatchMixup(0.4)), ('Cutout k=8', BatchCutout(8)),
                          ('CutMix α=0.4', CutMix(0.4))):
        np.random.seed(seed), torch.manual_seed(seed)
        mixed, mixed_scores = augment(normalised, scores)
        panels[name] = (mixed * std + mean, mixed_scores)
    return panels


def draw(panels, classes, out):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    names = list(panels)
    num = panels['raw'][0].shape[0]
    fig, axes = plt.subplots(num, len(names), figsize=(2.3 * len(names), 2.3 * num), squeeze=False)
    for col, name in enumerate(names):
        images, scores = panels[name]
        for row in range(num):
            ax = axes[row, col]
            ax.imshow(images[row].permute(1, 2, 0).clamp(0, 255).byte().numpy(),
                      interpolation='nearest')
            top = scores[row].topk(2)
            label = ' + '.join(f'{w:.2f} {classes[i]}' for w, i in zip(*top) if w > 0.005)
            ax.set_title(f'{name}\n{label}' if row == 0 else label, fontsize=7)
            ax.axis('off')
    fig.tight_layout()
    with atomic_path(out) as tmp_png:
        fig.savefig(tmp_png, dpi=110)
    plt.close(fig)


def augmentation_figure(config: str, num: int = 6, seed: int = 0,
                        out: str = 'work_dirs/vis_augment.png') -> str:
    """Write the raw / Mixup / Cutout / CutMix grid of ``num`` images to ``out``."""
    import custom_modules  # noqa: F401  (registers the datasets and batch augmentations)
    images, labels, classes = load_images(config, num)
    draw(augmented_panels(images, labels, len(classes), seed), classes, out)
    print(f'wrote {out}')
    return out
