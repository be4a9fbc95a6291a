"""What a training step costs: epochs, iterations and images from its config, images/s of
its model on this device (measured by a short ``benchmark_train`` run and cached per
device and config in ``<work root>/reproduce/throughput.json``, or given with
``--throughput``), and device-hours; wall time for the chosen execution."""
import math
import os.path as osp
import warnings
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional

from ...results import read_json, write_json
from .steps import STATE_DIR, Step

# training images of the datasets' training splits, by dataset type and split
VOC_TRAINVAL = {'VOC2007': 5011, 'VOC2012': 11540}
CUB_TRAIN = 5994
CIFAR_TRAIN = 50000


@dataclass
class Schedule:
    """A training config's schedule: epochs (or iterations), batch, images per epoch
    (None where unknown, e.g. a user's image folders not yet annotated), its model key."""
    epochs: Optional[int]
    iterations: Optional[int]
    batch: int
    images_per_epoch: Optional[int]
    model: str
    population: int = 1

    @property
    def images(self) -> Optional[int]:
        if self.epochs and self.images_per_epoch:
            return self.epochs * self.images_per_epoch * self.population
        if self.iterations:
            return self.iterations * self.batch * self.population
        return None

    @property
    def total_iterations(self) -> Optional[int]:
        if self.iterations:
            return self.iterations * self.population
        if self.epochs and self.images_per_epoch:
            return self.epochs * math.ceil(self.images_per_epoch / self.batch) * self.population
        return None


def _leaf_images(dataset: dict) -> Optional[int]:
    kind = str(dataset.get('type', '')).split('.')[-1]
    if 'indices' in dataset and isinstance(dataset['indices'], int):
        return dataset['indices']
    if kind == 'CIFARPickleDataset':
        fraction = dataset.get('val_fraction') or 0
        return int(CIFAR_TRAIN * (1 - fraction)) if dataset.get('split', 'train') == 'train' \
            else CIFAR_TRAIN
    if kind == 'CUB':
        return CUB_TRAIN
    if kind.endswith('VOCDataset'):
        prefix = str((dataset.get('data_prefix') or {}).get('sub_data_root', ''))
        return next((n for year, n in VOC_TRAINVAL.items() if year in prefix), None)
    if kind == 'CustomDataset':
        ann = osp.join(dataset.get('data_root', ''), dataset.get('ann_file', ''))
        if osp.isfile(ann):
            with open(ann) as f:
                return sum(1 for line in f if line.strip())
    return None


def _images(dataset: dict) -> Optional[int]:
    """Images per epoch of a (wrapped) dataset config."""
    if dataset.get('dataset') is not None:  # RepeatDataset, ClassBalancedDataset, ...
        inner = _images(dataset['dataset'])
        return inner * int(dataset.get('times', 1)) if inner else None
    if dataset.get('datasets'):
        parts = [_images(d) for d in dataset['datasets']]
        return sum(parts) if all(parts) else None
    return _leaf_images(dataset)


def schedule(config: str, population: int = 1) -> Schedule:
    """The schedule of ``config`` (read with mmengine's Config: no model is built)."""
    cfg = load_quietly(config)
    train = cfg.get('train_cfg') or {}
    loader = cfg.get('train_dataloader') or {}
    model = cfg.get('model') or {}
    key = repr(model.get('backbone', model.get('type')))
    return Schedule(train.get('max_epochs'), train.get('max_iters'),
                    int(loader.get('batch_size', 1)), _images(loader.get('dataset') or {}),
                    key + f'|batch={loader.get("batch_size")}', population)


def load_quietly(config: str):
    """mmengine's Config of ``config``, without the warnings its imports print."""
    from mmengine.config import Config
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        return Config.fromfile(config)


def pbt_population(config: str) -> int:
    return int((load_quietly(config).get('pbt_scheduler') or {}).get('num_samples', 8))


def device_name() -> str:
    """This machine's training device, as the throughput cache keys it."""
    import torch
    if torch.cuda.is_available():
        return f'cuda:{torch.cuda.get_device_name(0)}'
    return 'cpu'


class Throughput:
    """images/s per (device, config), cached in ``<work root>/reproduce/throughput.json``;
    configs of the same model share their measured value."""

    def __init__(self, work_root: str, device: str, given: Optional[float] = None):
        self.path = osp.join(work_root, STATE_DIR, 'throughput.json')
        self.device, self.given = device, given
        self.cache: Dict[str, float] = read_json(self.path) or {}

    def key(self, config: str) -> str:
        return f'{self.device}|{config}'

    def get(self, config: str, model: str, models: Dict[str, str]) -> Optional[float]:
        """images/s of ``config``: ``--throughput``, else cached for it or for the config that
        stands for its model (``models``: model key -> that config)."""
        if self.given:
            return self.given
        return self.cache.get(self.key(config)) or self.cache.get(
            self.key(models.get(model, config)))

    def measure(self, config: str, bench: Callable) -> float:
        """Measure with ``bench(config)`` (images/s) and cache the value."""
        value = float(bench(config))
        self.cache[self.key(config)] = value
        write_json(self.path, self.cache)
        return value


@dataclass
class Cost:
    """A step's schedule and estimated device-hours (None: unknown)."""
    schedule: Optional[Schedule]
    images_per_second: Optional[float]

    @property
    def device_hours(self) -> Optional[float]:
        images = self.schedule.images if self.schedule else None
        if not images or not self.images_per_second:
            return None
        return images / self.images_per_second / 3600


def step_schedules(step: Step) -> List[Schedule]:
    """The training schedules of a step: one per run (a grid's points, a PBT population)."""
    if step.kind == 'train':
        return [schedule(step.config)]
    if step.kind == 'grid':
        points = 1
        for item in step.args.get('grid', []):
            points *= len(item.partition('=')[2].split(','))
        one = schedule(step.config)
        one.population = points
        return [one]
    if step.kind == 'pbt':
        return [schedule(step.config, pbt_population(step.config))]
    return []


def wall_hours(device_hours: List[float], gpus: int = 1, ray_slots: float = 1) -> float:
    """Wall time of runs of ``device_hours`` each: one after another on one device
    (``gpus`` > 1: each run data-parallel on them, ideal scaling), or ``ray_slots`` runs at
    once (no run shorter than the longest)."""
    total = sum(device_hours)
    if ray_slots > 1:
        return max(total / ray_slots, max(device_hours, default=0))
    return total / max(1, gpus)
