"""One prepared GPU check (``tools/gpu_check.py``): the repo's speed goals and mmcv's CUDA ops.

Five sections, each guarded (a failure or a time-out is recorded and the next
section runs) and each with its own time limit inside one overall budget:

* ``ops``: mmcv's NMS and RoIAlign against torchvision's on the device (a
  CPU-only mmcv build fails here first);
* ``train``: CIFAR-100 ResNet-18 (000-A config) images/s through mmengine's
  Runner vs a plain loop (:mod:`.train_throughput`, the engine of
  ``tools/benchmark_train.py``) in fp32, with ``--amp --channels-last``, and
  with ``--compile`` on top;
* ``packed``: total images/s of 1, 2 and 4 such runs packed on the GPU as Ray
  tasks (:func:`~custom_modules.apps.run.matrix_ray.run_matrix_on_ray`, the engine
  of ``run_matrix.py --ray --gpus-per-run 1/N``) on synthetic data, from each
  run's logged iteration times;
* ``det``: training iterations/s of the C4 Faster R-CNN (001-B) and FCOS (000-C)
  faithful configs on synthetic data (the Runner side of :mod:`.train_throughput`);
* ``seg``: ``seg_video`` frames/s of PSPNet and OCRNet (random weights, a
  generated video) with and without ``--amp`` (the pieces of
  ``tools/benchmark_seg_video.py``).

Results go to ``gpu_check.json`` and ``gpu_check.md`` (rewritten after every
section, so a killed run keeps what it measured), with the goals: Runner/plain
>= 0.95 with ``--amp --channels-last`` and 4 packed runs >= 2x one run.
``tiny`` settings run every section in seconds on a CPU (the tests).
"""
import contextlib
import dataclasses
import os
import os.path as osp
import signal
import statistics
import tempfile
import time
import traceback
from typing import Optional, Tuple

from custom_modules.errors import UserInputError

TRAIN_CONFIG = 'configs/cifar100/resnet18_1xb128_cifar100.py'
DET_CONFIGS = {
    'faster_rcnn_c4': 'configs/voc/faster-rcnn_r50-caffe-c4-roipool_init-imagenet_'
                      '1xb2-nesterov-warmcos-100e_voc07.py',
    'fcos': 'configs/voc/fcos_r50_fpn_gn-head-center-centeronreg-giou_1xb16-30e_voc0712.py'}
SEG_CONFIGS = {
    'pspnet': 'configs/cityscapes/pspnet_r50-d8_4xb2-80k_cityscapes-512x1024.py',
    'ocrnet': 'configs/cityscapes/ocrnet_hr48_4xb2-160k_cityscapes-512x1024.py'}
TRAIN_VARIANTS = {'fp32': {}, 'amp_channels_last': dict(amp=True, channels_last=True),
                  'amp_channels_last_compile': dict(amp=True, channels_last=True,
                                                    compile=True)}
GOAL_RUNNER_RATIO = 0.95  # Runner/plain images/s with --amp --channels-last
GOAL_PACKED_SPEEDUP = 2.0  # total images/s of 4 packed runs over one run


@dataclasses.dataclass
class Settings:
    """Sizes of every section; :meth:`tiny` for a CPU smoke run."""
    device: str = 'cuda'
    budget_s: float = 440.0  # all sections; the process start comes on top
    limits_s: dict = dataclasses.field(default_factory=lambda: dict(
        ops=30, train=150, packed=140, det=50, seg=70))
    min_section_s: float = 5.0  # a section with less time left is skipped
    train_batch: Optional[int] = None  # None: the config's
    train_iters: int = 50
    train_warmup: int = 10
    train_repeats: int = 2  # the compiled variant runs once
    train_compile: bool = True  # the --compile variant (minutes of compiling on a CPU)
    pack_counts: Tuple[int, ...] = (1, 2, 4)
    pack_iters: int = 300
    pack_log_interval: int = 10
    det_batch: Optional[int] = None
    det_iters: int = 20
    det_warmup: int = 5
    det_scale: Optional[Tuple[int, int]] = None  # None: the configs' resize scales
    video_frames: int = 24
    video_size: Tuple[int, int] = (512, 1024)
    video_batch: int = 4
    seg_scale: Optional[Tuple[int, int]] = None  # None: the configs' test scale
    ops_boxes: int = 4000
    ops_rois: int = 512

    @classmethod
    def tiny(cls, device='cpu', **overrides):
        """Every section in seconds: two-image batches, one timed iteration, small inputs."""
        return cls(**dict(dict(
            device=device, budget_s=300.0, train_batch=2, train_iters=1, train_warmup=1,
            train_repeats=1, train_compile=False, pack_counts=(1, 2), pack_iters=2,
            pack_log_interval=1,
            det_batch=1, det_iters=1, det_warmup=1, det_scale=(64, 64),
            video_frames=2, video_size=(32, 64), video_batch=2, seg_scale=(64, 32),
            ops_boxes=50, ops_rois=8),
            **overrides))


class SectionTimeout(Exception):
    """A section ran past its time limit."""


@contextlib.contextmanager
def time_limit(seconds):
    """Raise :class:`SectionTimeout` in the main thread after ``seconds`` (SIGALRM; a
    running CUDA call or C loop is interrupted when it returns to Python)."""
    def expire(signum, frame):
        raise SectionTimeout(f'time limit of {seconds:.0f} s reached')
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.01))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _repo_path(path):
    from ..run.config import REPO_ROOT
    return osp.join(REPO_ROOT, path)


def _sync(device):
    import torch
    if device == 'cuda':
        torch.cuda.synchronize()


def _timed_ms(fn, device, repeats=5):
    """Median milliseconds of ``fn()`` after one warm-up call; its last result."""
    result, times = fn(), []
    for _ in range(repeats):
        _sync(device)
        start = time.perf_counter()
        result = fn()
        _sync(device)
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times), result


def check_ops(settings, record):
    """mmcv NMS and RoIAlign against torchvision on ``settings.device``: same kept boxes,
    same pooled features (max difference), and the time of each."""
    import torch
    import torchvision
    from mmcv.ops import get_compiling_cuda_version, nms, roi_align
    device, gen = settings.device, torch.Generator().manual_seed(0)
    if device == 'cuda' and get_compiling_cuda_version() == 'not available':
        raise RuntimeError('this mmcv has CPU ops only: FORCE_CUDA=1 make setup compiles '
                           'its CUDA ops (docs/gpu.md)')
    xy = torch.rand(settings.ops_boxes, 2, generator=gen) * 512
    wh = torch.rand(settings.ops_boxes, 2, generator=gen) * 64 + 4
    boxes = torch.cat([xy, xy + wh], 1).to(device)
    scores = torch.rand(settings.ops_boxes, generator=gen).to(device)
    mmcv_ms, (_, kept) = _timed_ms(lambda: nms(boxes, scores, 0.5), device)
    tv_ms, tv_kept = _timed_ms(lambda: torchvision.ops.nms(boxes, scores, 0.5), device)
    same = torch.equal(kept.sort().values.cpu(), tv_kept.sort().values.cpu())
    record['nms'] = dict(boxes=settings.ops_boxes, kept_mmcv=len(kept), kept_torchvision=len(
        tv_kept), same_boxes=same, mmcv_ms=mmcv_ms, torchvision_ms=tv_ms)
    features = torch.rand(2, 64, 64, 64, generator=gen).to(device)
    corner = torch.rand(settings.ops_rois, 2, generator=gen) * 400
    size = torch.rand(settings.ops_rois, 2, generator=gen) * 100 + 8
    image = torch.randint(0, 2, (settings.ops_rois, 1), generator=gen).float()
    rois = torch.cat([image, corner, corner + size], 1).to(device)
    args = ((7, 7), 1 / 8, 2)
    mmcv_ms, ours = _timed_ms(lambda: roi_align(features, rois, *args, 'avg', True), device)
    tv_ms, theirs = _timed_ms(
        lambda: torchvision.ops.roi_align(features, rois, *args, aligned=True), device)
    diff = (ours - theirs).abs().max().item()
    record['roi_align'] = dict(rois=settings.ops_rois, max_abs_diff=diff, match=diff < 1e-4,
                               mmcv_ms=mmcv_ms, torchvision_ms=tv_ms)
    if not (same and diff < 1e-4):
        raise AssertionError(f'mmcv and torchvision disagree: NMS same boxes {same}, '
                             f'RoIAlign max difference {diff:.2e}')


def check_train(settings, record):
    """Runner vs plain images/s of the CIFAR-100 ResNet-18 config, per variant."""
    from .train_throughput import runner_vs_plain
    for name, options in TRAIN_VARIANTS.items():
        if options.get('compile') and not settings.train_compile:
            record[name] = 'skipped (train_compile off)'
            continue
        repeats = 1 if options.get('compile') else settings.train_repeats
        print(f'[gpu_check] train {name}', flush=True)
        record[name] = runner_vs_plain(
            _repo_path(TRAIN_CONFIG), repeats, device=settings.device,
            batch_size=settings.train_batch, iters=settings.train_iters,
            warmup=settings.train_warmup, **options)
    ratio = record['amp_channels_last']['ratio']
    record['goal'] = dict(ratio_amp_channels_last=ratio, target=GOAL_RUNNER_RATIO,
                          met=ratio >= GOAL_RUNNER_RATIO)


def packed_configs(count, folder, settings):
    """``count`` copies of the CIFAR-100 ResNet-18 config on synthetic data (one short epoch,
    validation and test on one batch), as files in ``folder``; their paths."""
    from ..run.config import load_config
    from .synthetic_input import input_shape
    config = _repo_path(TRAIN_CONFIG)
    cfg = load_config(config)
    _, num_classes, size, pipeline = input_shape(cfg, config)
    batch = settings.train_batch or cfg.train_dataloader.batch_size
    test_pipeline = [step for step in cfg.test_dataloader.dataset.get('pipeline', [])
                     if not str(step.get('type', '')).split('.')[-1].startswith('Load')]

    def synthetic(samples, steps):
        return dict(type='SyntheticImageDataset', num_samples=samples,
                    num_classes=num_classes, image_size=size, pipeline=steps)
    cfg.train_dataloader.batch_size = batch
    cfg.train_dataloader.dataset = synthetic(settings.pack_iters * batch, pipeline)
    for loader in (cfg.val_dataloader, cfg.test_dataloader):
        loader.batch_size = batch
        loader.dataset = synthetic(batch, test_pipeline)
    cfg.train_cfg = dict(by_epoch=True, max_epochs=1, val_interval=1)
    cfg.default_hooks.logger.interval = settings.pack_log_interval
    cfg.log_level = 'WARNING'  # the iteration times still go to vis_data/scalars.json
    paths = []
    for i in range(count):
        path = osp.join(folder, f'packed{count}_run{i + 1}.py')
        cfg.dump(path)
        paths.append(path)
    return paths, batch


def logged_images_per_second(work_dir, batch):
    """``batch`` / median logged iteration time of a run's training log (first log entry,
    the warm-up, left out)."""
    from ..results import load_scalars
    times = [entry['time'] for entry in load_scalars(work_dir)[0] if 'time' in entry]
    if not times:
        raise RuntimeError(f'no training iteration times logged in {work_dir}')
    return batch / statistics.median(times[1:] or times)


def check_packed(settings, record):
    """Total images/s of 1, 2, 4 packed runs; goal: 4 runs >= 2x one."""
    from ..run.matrix_ray import run_matrix_on_ray
    root = tempfile.mkdtemp(prefix='gpu_check_packed_')
    gpu = settings.device == 'cuda'
    for count in settings.pack_counts:
        print(f'[gpu_check] packed: {count} run(s)', flush=True)
        paths, batch = packed_configs(count, root, settings)
        start = time.perf_counter()
        failed = run_matrix_on_ray(paths, osp.join(root, f'work{count}'),
                                   num_cpus=max(count, os.cpu_count() or 1) if gpu else count,
                                   gpus_per_run=1 / count if gpu else 0)
        wall = time.perf_counter() - start
        if failed:
            raise RuntimeError(f'{count} packed runs: {", ".join(failed)} failed')
        per_run = [logged_images_per_second(osp.join(root, f'work{count}',
                                                     osp.splitext(osp.basename(p))[0]), batch)
                   for p in paths]
        record[str(count)] = dict(runs=count, total_images_per_s=sum(per_run),
                                  per_run_images_per_s=per_run, wall_s=wall)
    counts = [int(k) for k in record if k.isdigit()]
    if 1 in counts and max(counts) > 1:
        most = max(counts)
        speedup = record[str(most)]['total_images_per_s'] / record['1']['total_images_per_s']
        record['goal'] = dict(runs=most, speedup=speedup, target=GOAL_PACKED_SPEEDUP,
                              met=speedup >= GOAL_PACKED_SPEEDUP)


def scale_options(cfg, scale):
    """``--cfg-options`` setting every ``scale`` of the training pipeline of ``cfg`` (the
    first of wrapped or concatenated datasets) and of its ``test_pipeline`` to ``scale``."""
    options, dataset, path = {}, cfg.train_dataloader.dataset, 'train_dataloader.dataset'
    while dataset.get('pipeline') is None and (dataset.get('dataset') or dataset.get('datasets')):
        dataset, path = ((dataset.dataset, f'{path}.dataset') if dataset.get('dataset')
                         else (dataset.datasets[0], f'{path}.datasets.0'))
    for key, steps in ((f'{path}.pipeline', dataset.get('pipeline') or []),
                       ('test_pipeline', cfg.get('test_pipeline') or [])):
        options.update({f'{key}.{i}.scale': scale for i, step in enumerate(steps)
                        if 'scale' in step})
    return options


def check_det(settings, record):
    """Training iterations/s (Runner) of the C4 Faster R-CNN and FCOS configs."""
    from ..run.config import load_config
    from .train_throughput import Bench
    for name, config in DET_CONFIGS.items():
        print(f'[gpu_check] det {name}', flush=True)
        cfg = load_config(_repo_path(config))
        options = scale_options(cfg, settings.det_scale) if settings.det_scale else {}
        bench = Bench(_repo_path(config), device=settings.device,
                      batch_size=settings.det_batch, iters=settings.det_iters,
                      warmup=settings.det_warmup, cfg_options=options)
        images = bench.runner_images_per_second()
        record[name] = dict(config=config, batch=bench.batch, images_per_s=images,
                            iters_per_s=images / bench.batch)


def check_seg(settings, record):
    """seg_video frames/s of PSPNet and OCRNet, fp32 and --amp (second of two runs)."""
    from ..run.config import load_config
    from ..video import BatchSegmenter, VideoOptions, segment_video
    from .seg_video import generate_video, random_checkpoint
    tmp = tempfile.mkdtemp(prefix='gpu_check_seg_')
    video = generate_video(osp.join(tmp, 'video.mp4'), settings.video_frames,
                           *settings.video_size)
    for name, config in SEG_CONFIGS.items():
        cfg = load_config(_repo_path(config))
        if settings.seg_scale:
            cfg.merge_from_dict(scale_options(cfg, settings.seg_scale))
        checkpoint = random_checkpoint(cfg, osp.join(tmp, f'{name}.pth'))
        for amp in (False, True):
            print(f'[gpu_check] seg {name}{" --amp" if amp else ""}', flush=True)
            model = BatchSegmenter(cfg.copy(), checkpoint, device=settings.device, amp=amp)
            options = VideoOptions(batch_size=settings.video_batch, progress=False)
            runs = [segment_video(video, osp.join(tmp, f'{name}.mp4'), [model], options)['fps']
                    for _ in range(2)]
            record[f'{name}{"_amp" if amp else ""}'] = dict(
                config=config, frames=settings.video_frames, fps=runs[-1], first_run_fps=runs[0])


def _timeout_in(exc):
    """The :class:`SectionTimeout` that caused ``exc`` (torch.compile wraps it), or None."""
    while exc is not None and not isinstance(exc, SectionTimeout):
        exc = exc.__cause__ or exc.__context__
    return exc


def _first_line(exc):
    lines = str(exc).strip().splitlines()
    return f'{type(exc).__name__}: {lines[0] if lines else ""}'


SECTIONS = {'ops': check_ops, 'train': check_train, 'packed': check_packed,
            'det': check_det, 'seg': check_seg}  # in the order they run


def environment(device):
    """Versions and the device, for the record."""
    import mmcv
    import torch
    from mmcv.ops import get_compiling_cuda_version
    info = dict(torch=torch.__version__, torch_cuda=torch.version.cuda, mmcv=mmcv.__version__,
                mmcv_cuda=get_compiling_cuda_version(), device=device,
                cpu_count=os.cpu_count())
    if device == 'cuda' and torch.cuda.is_available():
        info.update(gpu=torch.cuda.get_device_name(0),
                    capability='.'.join(map(str, torch.cuda.get_device_capability(0))))
    return info


def markdown(results):
    """The results as markdown tables."""
    env = results['environment']
    lines = [f'# GPU check ({env.get("gpu", env["device"])})', '',
             ', '.join(f'{k} {v}' for k, v in env.items()), '',
             f'{len(results["sections"])} section(s) in {results.get("seconds", 0):.0f} s', '',
             '| section | status | seconds | details |', '|---|---|---|---|']
    for name, section in results['sections'].items():
        details = section.get('error') or '; '.join(
            _summary(key, value) for key, value in section['results'].items())
        lines.append(f'| {name} | {section["status"]} | {section.get("seconds", 0):.0f} | '
                     f'{details.replace("|", "/")} |')
    lines += ['', '| goal | measured | target | met |', '|---|---|---|---|']
    for name, section in results['sections'].items():
        goal = section['results'].get('goal')
        if goal:
            value = goal.get('ratio_amp_channels_last', goal.get('speedup'))
            lines.append(f'| {name} | {value:.3f} | {goal["target"]} | '
                         f'{"yes" if goal["met"] else "NO"} |')
    return '\n'.join(lines) + '\n'


def _summary(key, value):
    if not isinstance(value, dict):
        return f'{key} {value}'
    shown = {k: v for k, v in value.items() if isinstance(v, (int, float, bool))
             and k not in ('target', 'runs', 'batch', 'frames', 'boxes', 'rois')}
    return f'{key}: ' + ', '.join(f'{k} {v:.3g}' if isinstance(v, float) else f'{k} {v}'
                                  for k, v in shown.items())


def write_results(results, out_dir):
    """``gpu_check.json`` and ``gpu_check.md`` in ``out_dir`` (atomic writes)."""
    from custom_modules.plugins.engine.atomic_files import atomic_write_text

    from ..results import write_json
    os.makedirs(out_dir, exist_ok=True)
    write_json(osp.join(out_dir, 'gpu_check.json'), results)
    atomic_write_text(markdown(results), osp.join(out_dir, 'gpu_check.md'))


def gpu_check(out_dir, settings, sections=None):
    """Run ``sections`` (default all, in order) within the budget; the results dict."""
    names = list(sections or SECTIONS)
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        raise UserInputError(f'unknown section(s) {", ".join(unknown)}; choose from '
                             f'{", ".join(SECTIONS)}')
    import torch
    if settings.device == 'cuda' and not torch.cuda.is_available():
        raise UserInputError('--device cuda: no CUDA device is available (--device cpu '
                             '--tiny checks the script itself)')
    results = dict(environment=environment(settings.device),
                   settings=dataclasses.asdict(settings), sections={})
    begin = time.monotonic()
    deadline = begin + settings.budget_s
    for i, name in enumerate(names, 1):
        left = deadline - time.monotonic()
        limit = min(settings.limits_s.get(name, left), left)
        section = results['sections'][name] = dict(status='skipped', results={})
        if limit < settings.min_section_s:
            section['error'] = f'no time left in the {settings.budget_s:.0f} s budget'
            print(f'[gpu_check] {i}/{len(names)} {name}: skipped ({section["error"]})', flush=True)
            write_results(results, out_dir)
            continue
        print(f'[gpu_check] {i}/{len(names)} {name} (limit {limit:.0f} s, '
              f'{left:.0f} s of the budget left)', flush=True)
        start = time.monotonic()
        try:
            with time_limit(limit):
                SECTIONS[name](settings, section['results'])
            section['status'] = 'ok'
        except Exception as exc:  # noqa: BLE001 (recorded; the next section still runs)
            timeout = _timeout_in(exc)
            section.update(status='timeout' if timeout else 'failed',
                           error=str(timeout) if timeout else _first_line(exc))
            if not timeout:
                section['traceback'] = traceback.format_exc(limit=-8)
        section['seconds'] = time.monotonic() - start
        print(f'[gpu_check] {name}: {section["status"]} in {section["seconds"]:.0f} s'
              + (f' ({section["error"]})' if 'error' in section else ''), flush=True)
        results['seconds'] = time.monotonic() - begin
        write_results(results, out_dir)
    return results
