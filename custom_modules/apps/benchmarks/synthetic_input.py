"""What a config trains on, for synthetic stand-in data: task, class count, input size and the
per-image pipeline without its loading steps (``tools/benchmark_train.py``)."""
from custom_modules.errors import UserInputError

_SIZE_KEYS = ('crop_size', 'scale')  # the pipeline steps that fix the training input size
_TASKS = {'mmpretrain': 'cls', 'mmdet': 'det', 'mmseg': 'seg'}
SYNTHETIC_DATASETS = {'cls': 'SyntheticImageDataset', 'det': 'SyntheticDetDataset',
              'seg': 'SyntheticSegDataset'}


def _first_num_classes(node):
    """The first ``num_classes`` in a model config (a head's), depth first."""
    if isinstance(node, dict):
        if isinstance(node.get('num_classes'), int):
            return node['num_classes']
        node = list(node.values())
    if isinstance(node, (list, tuple)):
        for value in node:
            found = _first_num_classes(value)
            if found:
                return found
    return None


def _train_pipeline(dataset):
    """The per-image pipeline of a (possibly wrapped) training dataset config."""
    while dataset.get('pipeline') is None and (dataset.get('dataset') or dataset.get('datasets')):
        dataset = dataset.get('dataset') or dataset['datasets'][0]
    return list(dataset.get('pipeline') or [])


def _loads_from_disk(step, task):
    """Loading steps the synthetic items replace (detection keeps LoadAnnotations: it reads
    the items' ``instances``)."""
    name = str(step.get('type', '')).split('.')[-1]
    return name.startswith('Load') and not (task == 'det' and 'Annotations' in name)


def without_pretrained(node):
    """A model config without ``Pretrained`` init steps and ``pretrained`` checkpoint names
    (mmseg's): nothing to download."""
    if isinstance(node, dict):
        return type(node)({key: None if (key == 'init_cfg' and _is_pretrained(value))
                           or (key == 'pretrained' and isinstance(value, str))
                           else without_pretrained(value) for key, value in node.items()})
    if isinstance(node, (list, tuple)):
        return type(node)(without_pretrained(value) for value in node)
    return node


def _is_pretrained(init_cfg):
    steps = init_cfg if isinstance(init_cfg, (list, tuple)) else [init_cfg]
    return any(isinstance(step, dict) and step.get('type') == 'Pretrained' for step in steps)


def input_shape(cfg, config):
    """``(task, num_classes, (height, width), per-image pipeline)`` of a config; ``task`` is
    'cls', 'det' or 'seg' (from its default scope)."""
    task = _TASKS.get(cfg.get('default_scope', 'mmpretrain'))
    num_classes = _first_num_classes(cfg.get('model'))
    if task is None or not num_classes:
        raise UserInputError(f'{config}: benchmark_train.py measures mmpretrain, mmdet and mmseg '
                             'configs with a head that has num_classes')
    dataset = cfg.train_dataloader.dataset
    pipeline = [step for step in _train_pipeline(dataset) if not _loads_from_disk(step, task)]
    size = (32, 32) if 'CIFAR' in str(dataset.get('type', '')) else (224, 224)
    for step in pipeline:
        value = next((step[k] for k in _SIZE_KEYS if k in step), None)
        if isinstance(value, (tuple, list)) and value and isinstance(value[0], (tuple, list)):
            value = max(value, key=lambda wh: wh[0] * wh[1])  # multi-scale: the largest
        if isinstance(value, int):
            size = (value, value)
        elif isinstance(value, (tuple, list)) and len(value) == 2:
            # classification crops are square; detection/segmentation scales are (w, h),
            # crop_size (h, w)
            size = tuple(value) if 'crop_size' in step else (value[1], value[0])
        if task != 'cls' and value is not None:
            break  # the first resize fixes the image size the rest works on
    return task, num_classes, size, pipeline
