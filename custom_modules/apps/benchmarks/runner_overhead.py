"""Runner overhead: the demo model's training images/s through mmengine's Runner vs a plain loop."""
import os.path as osp
import statistics
import tempfile
import time

import torch
import torch.nn.functional as F
from mmengine.hooks import Hook

from custom_modules.apps.launch import REPO_ROOT as REPO

CONFIG = osp.join(REPO, 'configs/demo/resnet18-w16-cifar_1xb32_digits.py')


class IterClock(Hook):
    """Wall time between the end of warm-up and the last training iteration."""
    priority = 'LOWEST'

    def __init__(self, warmup):
        self.warmup, self.start, self.end = warmup, None, None

    def after_train_iter(self, runner, batch_idx, data_batch=None, outputs=None):
        at_start, at_end = runner.iter + 1 == self.warmup, runner.iter + 1 == runner.max_iters
        if (at_start or at_end) and torch.cuda.is_available():
            torch.cuda.synchronize()
        if at_start:
            self.start = time.perf_counter()
        if at_end:
            self.end = time.perf_counter()


def runner_images_per_second(cfg, iters, warmup, batch, epoch_iters):
    from mmengine.runner import Runner
    cfg = cfg.copy()
    cfg.train_cfg = dict(by_epoch=True, max_epochs=-(-(warmup + iters) // epoch_iters),
                         val_interval=10 ** 9)  # the demo's epoch loop, enough epochs
    cfg.train_dataloader.drop_last = True
    cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    cfg.default_hooks.checkpoint = None
    cfg.param_scheduler = None
    cfg.work_dir = tempfile.mkdtemp(prefix='bench_runner_')
    cfg.log_level = 'WARNING'
    runner = Runner.from_cfg(cfg)
    clock = IterClock(warmup)
    runner.register_hook(clock, priority='LOWEST')
    runner.train()
    timed_iters = runner.max_iters - warmup
    return timed_iters * batch / (clock.end - clock.start)


def plain_images_per_second(cfg, images, labels, iters, warmup, batch, device, read_loss=False):
    from mmpretrain.registry import MODELS
    classifier = MODELS.build(cfg.model)
    model = torch.nn.Sequential(classifier.backbone, classifier.neck, _Last(),
                                classifier.head.fc).to(device)
    opt_cfg = cfg.optim_wrapper.optimizer
    optimizer = torch.optim.SGD(model.parameters(), lr=opt_cfg.lr, momentum=opt_cfg.momentum,
                                weight_decay=opt_cfg.weight_decay)
    mean = torch.tensor(cfg.data_preprocessor.mean).view(1, 3, 1, 1)
    std = torch.tensor(cfg.data_preprocessor.std).view(1, 3, 1, 1)
    x_all = ((images.float() - mean) / std).to(device)
    y_all = labels.to(device)
    model.train()
    start = None
    for step in range(warmup + iters):
        idx = torch.randint(0, len(y_all), (batch,), device=device)
        loss = F.cross_entropy(model(x_all[idx]), y_all[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if read_loss:  # what a logging loop (and mmengine's Runner) does every iteration
            loss.item()
        if step + 1 == warmup:
            if device == 'cuda':
                torch.cuda.synchronize()
            start = time.perf_counter()
    if device == 'cuda':
        torch.cuda.synchronize()
    return iters * batch / (time.perf_counter() - start)


class _Last(torch.nn.Module):
    """Backbones and necks return tuples; keep the last feature map."""

    def forward(self, x):
        return x[-1] if isinstance(x, (tuple, list)) else x


def runner_vs_plain(data_root, iters=30, warmup=5, repeats=3, device='cpu'):
    """Measure both sides alternately and print each repeat and the median ratio."""

    import numpy as np
    from mmengine.config import Config

    from custom_modules.plugins.datasets import CIFARPickleDataset
    if not osp.isdir(osp.join(data_root, 'cifar-10-batches-py')):
        from custom_modules.apps.data.digits import convert
        convert(data_root)
    cfg = Config.fromfile(CONFIG)
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        cfg[loader].dataset.data_root = data_root
    batch = cfg.train_dataloader.batch_size
    dataset = CIFARPickleDataset(data_root, split='train', variant='cifar10', check_md5=False)
    infos = [dataset.get_data_info(i) for i in range(len(dataset))]
    images = torch.from_numpy(np.stack([d['img'] for d in infos])).permute(0, 3, 1, 2)
    labels = torch.tensor([d['gt_label'] for d in infos])

    runner_ips, plain_ips, logging_ips = [], [], []
    for r in range(repeats):
        plain_ips.append(plain_images_per_second(cfg, images, labels, iters, warmup,
                                                 batch, device))
        logging_ips.append(plain_images_per_second(cfg, images, labels, iters, warmup,
                                                   batch, device, read_loss=True))
        runner_ips.append(runner_images_per_second(cfg, iters, warmup, batch,
                                                   len(dataset) // batch))
        print(f'repeat {r + 1}/{repeats}: plain {plain_ips[-1]:.1f} img/s, plain reading '
              f'loss {logging_ips[-1]:.1f} img/s, runner {runner_ips[-1]:.1f} img/s, '
              f'ratio {runner_ips[-1] / plain_ips[-1]:.3f}', flush=True)
    ratio = statistics.median(a / b for a, b in zip(runner_ips, plain_ips))
    ratio_logging = statistics.median(a / b for a, b in zip(runner_ips, logging_ips))
    print(f'device {device}, batch {batch}, {repeats} repeats of >= {iters} timed '
          f'iterations (the Runner runs whole epochs): '
          f'Runner {statistics.median(runner_ips):.1f} img/s, plain loop '
          f'{statistics.median(plain_ips):.1f} img/s, median ratio Runner/plain = {ratio:.3f} '
          f'(target >= 0.95); vs a plain loop that reads its loss each iteration: '
          f'{ratio_logging:.3f}')
