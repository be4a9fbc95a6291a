"""Training images/s of a config through mmengine's Runner vs a plain PyTorch loop.

Both sides train the config's model (built from the config) with its
optimizer, at the same batch size, precision (``--amp``) and memory format
(``--channels-last``), optionally compiled, on synthetic data of the config's
input shape and class count. The Runner side is the training run
``tools/train.py`` builds (:func:`~custom_modules.apps.run.train_test.build_train_cfg`:
optimizer wrapper, data preprocessor, dataloader settings, hooks) with its
dataset swapped for a synthetic one (``SyntheticImageDataset``,
``SyntheticDetDataset``, ``SyntheticSegDataset``) and without validation or
checkpoints. The plain loop of a classification config feeds pre-normalised
in-memory batches to ``model(x, mode='tensor')`` with cross-entropy; that of a
detection or segmentation config feeds two batches the config's pipeline made
once through the model's data preprocessor (padding, normalisation) to
``model(..., mode='loss')``. The sides alternate in one process and the median
ratio Runner / plain is printed.
"""
import statistics
import tempfile
import time

import torch
import torch.nn.functional as F
from mmengine.hooks import Hook

from custom_modules.errors import UserInputError

from ..run.fast_options import amp_dtype
from ..run.runner import build_runner
from ..run.train_test import RunSpec, build_train_cfg
from .synthetic_input import SYNTHETIC_DATASETS, input_shape, without_pretrained


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


class Bench:
    """One config's two training loops with the same settings."""

    def __init__(self, config, device='cpu', amp=False, channels_last=False, compile=False,
                 batch_size=None, iters=20, warmup=3, image_size=None, cfg_options=None):
        if iters < 1 or warmup < 1:
            raise UserInputError(f'--iters and --warmup must be >= 1, got {iters}, {warmup}')
        if device == 'cuda' and not torch.cuda.is_available():
            raise UserInputError('--device cuda: no CUDA device is available')
        if device == 'cpu' and torch.cuda.is_available():
            raise UserInputError('--device cpu on a machine with CUDA: hide the GPU '
                                 '(CUDA_VISIBLE_DEVICES=) so that the Runner trains on the CPU')
        options = {'train_cfg.max_epochs': 1, 'train_cfg.val_interval': 10 ** 9,
                   **(cfg_options or {})}
        self.cfg = build_train_cfg(RunSpec(
            config, tempfile.mkdtemp(prefix='bench_train_'), options, amp=amp,
            no_validate=True, channels_last=channels_last, compile=compile))
        self.device, self.amp, self.channels_last, self.compile = (
            device, amp, channels_last, compile)
        self.iters, self.warmup = iters, warmup
        self.batch = batch_size or self.cfg.train_dataloader.batch_size
        self.task, self.num_classes, size, self.pipeline = input_shape(self.cfg, config)
        self.size = (image_size, image_size) if image_size else size
        self._prepare_runner_cfg()

    def _synthetic_dataset(self, num_samples):
        return dict(type=SYNTHETIC_DATASETS[self.task], num_samples=num_samples,
                    num_classes=self.num_classes, image_size=self.size,
                    pipeline=self.pipeline)

    def _prepare_runner_cfg(self):
        cfg, total = self.cfg, (self.warmup + self.iters) * self.batch
        loader = cfg.train_dataloader
        loader.batch_size = self.batch
        if loader.get('batch_sampler') is not None:  # mmdet's aspect-ratio batches
            loader.batch_sampler.drop_last = True
        else:
            loader.drop_last = True
        loader.dataset = self._synthetic_dataset(total)
        if 'max_iters' in cfg.train_cfg:  # an iteration loop: as many as the data has
            cfg.train_cfg.pop('max_epochs', None)
            cfg.train_cfg.max_iters = self.warmup + self.iters
        cfg.default_hooks.checkpoint = None
        # hooks with a loader of their own (the C4 configs' DetValLossHook) read the real data
        cfg.custom_hooks = [hook for hook in cfg.get('custom_hooks') or []
                            if 'dataloader' not in hook]
        cfg.load_from = None  # throughput does not depend on the starting weights
        cfg.model = without_pretrained(cfg.model)
        cfg.test_cfg = cfg.test_dataloader = cfg.test_evaluator = None
        cfg.log_level = 'WARNING'

    def runner_images_per_second(self):
        runner = build_runner(self.cfg.copy())
        clock = IterClock(self.warmup)
        runner.register_hook(clock, priority='LOWEST')
        runner.train()
        return self.iters * self.batch / (clock.end - clock.start)

    def _plain_model_and_optimizer(self):
        from mmengine.logging import MMLogger
        from mmengine.optim import build_optim_wrapper
        from mmengine.registry import MODELS, init_default_scope
        init_default_scope(self.cfg.get('default_scope', 'mmpretrain'))
        model = MODELS.build(self.cfg.model).to(self.device)
        logger = MMLogger.get_current_instance()
        level = logger.level
        logger.setLevel('WARNING')  # init_weights reports every tensor
        try:
            model.init_weights()
        finally:
            logger.setLevel(level)
        if self.channels_last:
            model.to(memory_format=torch.channels_last)
        wrapper = {k: v for k, v in self.cfg.optim_wrapper.items()
                   if k not in ('type', 'dtype', 'loss_scale')}
        optimizer = build_optim_wrapper(model, dict(wrapper, type='OptimWrapper')).optimizer
        return model, optimizer

    def _normalised_images(self):
        preprocessor = self.cfg.get('data_preprocessor') or self.cfg.model.get(
            'data_preprocessor') or {}
        mean = torch.tensor(preprocessor.get('mean', [0.0] * 3)).view(1, 3, 1, 1)
        std = torch.tensor(preprocessor.get('std', [1.0] * 3)).view(1, 3, 1, 1)
        generator = torch.Generator().manual_seed(0)
        pool = max(self.batch, 256)
        images = torch.randint(0, 256, (pool, 3, *self.size), generator=generator,
                               dtype=torch.uint8)
        labels = torch.randint(0, self.num_classes, (pool,), generator=generator)
        return ((images.float() - mean) / std).to(self.device), labels.to(self.device)

    def _classification_losses(self, model, forward):
        """Each call: cross-entropy of ``model(x, mode='tensor')`` on a random batch of
        pre-normalised in-memory images."""
        x_all, y_all = self._normalised_images()

        def step():
            idx = torch.randint(0, len(y_all), (self.batch,), device=self.device)
            x = x_all[idx]
            if self.channels_last:
                x = x.contiguous(memory_format=torch.channels_last)
            return F.cross_entropy(forward(x, mode='tensor'), y_all[idx])
        return step

    def _dense_losses(self, model, forward):
        """Each call: the summed loss dict of ``model(**preprocessed, mode='loss')`` on the
        next of a few batches the config's pipeline made once from synthetic items."""
        from mmengine.dataset import pseudo_collate
        from mmengine.registry import DATASETS
        dataset = DATASETS.build(self._synthetic_dataset(2 * self.batch))
        batches = [pseudo_collate([dataset[i] for i in range(b * self.batch,
                                                             (b + 1) * self.batch)])
                   for b in range(2)]
        count = iter(range(10 ** 9))

        def step():
            data = model.data_preprocessor(batches[next(count) % len(batches)], True)
            if self.channels_last:
                data['inputs'] = data['inputs'].contiguous(memory_format=torch.channels_last)
            loss, _ = model.parse_losses(forward(**data, mode='loss'))
            return loss
        return step

    def plain_images_per_second(self):
        model, optimizer = self._plain_model_and_optimizer()
        forward = torch.compile(model) if self.compile else model
        losses = (self._classification_losses if self.task == 'cls' else self._dense_losses)(
            model, forward)
        dtype = amp_dtype()
        scaler = torch.amp.GradScaler(self.device, enabled=self.amp and dtype == torch.float16)
        model.train()
        start = None
        for step in range(self.warmup + self.iters):
            with torch.autocast(self.device, dtype=dtype, enabled=self.amp):
                loss = losses()
            optimizer.zero_grad()
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            if step + 1 == self.warmup:
                self._sync()
                start = time.perf_counter()
        self._sync()
        return self.iters * self.batch / (time.perf_counter() - start)

    def _sync(self):
        if self.device == 'cuda':
            torch.cuda.synchronize()

    def describe(self):
        options = [name for name in ('amp', 'channels_last', 'compile') if getattr(self, name)]
        precision = str(amp_dtype()).replace('torch.', '') if self.amp else 'float32'
        return (f'device {self.device}, {torch.get_num_threads()} torch threads, batch '
                f'{self.batch}, {self.size[1]}x{self.size[0]} images, {self.num_classes} '
                f'classes, '
                f'{precision}, options: {", ".join(options) or "none"}, dataloader workers '
                f'{self.cfg.train_dataloader.get("num_workers", 0)}, {self.warmup} warm-up + '
                f'{self.iters} timed iterations')


def runner_vs_plain(config, repeats=3, **settings):
    """Measure both sides alternately; print each repeat, both medians and the median ratio.
    Returns ``dict(runner=, plain=, ratio=)`` (images/s, images/s, Runner/plain)."""
    if repeats < 1:
        raise UserInputError(f'--repeats must be >= 1, got {repeats}')
    bench = Bench(config, **settings)
    print(f'config {config}: {bench.describe()}', flush=True)
    runs = {'runner': [], 'plain': []}
    for r in range(repeats):
        for side in (('plain', 'runner') if r % 2 == 0 else ('runner', 'plain')):
            measure = getattr(bench, f'{side}_images_per_second')
            runs[side].append(measure())
        print(f'repeat {r + 1}/{repeats}: plain {runs["plain"][-1]:.1f} img/s, runner '
              f'{runs["runner"][-1]:.1f} img/s, ratio '
              f'{runs["runner"][-1] / runs["plain"][-1]:.3f}', flush=True)
    result = dict(runner=statistics.median(runs['runner']),
                  plain=statistics.median(runs['plain']),
                  ratio=statistics.median(a / b for a, b in zip(runs['runner'], runs['plain'])))
    print(f'plain loop: {result["plain"]:.1f} img/s (median of {repeats})')
    print(f'Runner: {result["runner"]:.1f} img/s (median of {repeats})')
    print(f'ratio Runner/plain: {result["ratio"]:.3f} (median of {repeats}; target >= 0.95)')
    return result


def runner_images_per_second(config, iters=10, warmup=3):
    """Training images/s of ``config``'s Runner on this machine's device (the GPU if there
    is one): the figure ``tools/reproduce.py`` estimates a run's cost with."""
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    return Bench(config, device=device, iters=iters, warmup=warmup).runner_images_per_second()
