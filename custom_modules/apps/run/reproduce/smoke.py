"""Any config of this repository cut to a smoke run: generated data in the dataset's real
on-disk format, tiny inputs, two epochs of one iteration (two samples, batch 2).

``tools/reproduce.py --smoke`` runs every step of a report on such configs
(:func:`smoke_config`); the tests' smoke runs use the same functions.
"""
import os
import os.path as osp
from pathlib import Path

from mmengine.config import Config

from custom_modules.apps.data import shapes_voc
from custom_modules.apps.data.folder_ann import write_annotations
from custom_modules.apps.data.smoke_data import (
    make_cifar10,
    make_cifar100,
    make_cityscapes,
    make_class_folders,
    make_cub,
    make_vocdevkit,
)


def _make_cifar(dataset, root, cfg):
    maker = make_cifar10 if dataset.get('variant', 'cifar100') == 'cifar10' else make_cifar100
    maker(root, per_class_train=5)


def _make_folders(dataset, root, cfg):
    """Class folders plus the annotation files tools/data/folder_to_ann.py writes."""
    classes = [f'class{i}' for i in range(cfg.get('num_classes', 3))]
    make_class_folders(root, classes=classes, per_class=4, corrupt=False)
    write_annotations(str(root), val_fraction=0.5)


def _make_shapes_voc(dataset, root, cfg):
    """A tiny generated shapes VOCdevkit: ``root/VOC2007`` (shrink_config's data_root is root)."""
    shapes_voc.write_dataset(str(root / 'VOC2007'), train=4, test=4, seed=0,
                                     progress=False)


def _make_voc(dataset, root, cfg):
    """The 20 VOC classes (VOC2007 + VOC2012), or the shapes demo's own classes (VOC2007)."""
    if (dataset.get('metainfo') or {}).get('classes'):
        _make_shapes_voc(dataset, root, cfg)
    else:
        make_vocdevkit(root)


# dataset type -> function(dataset cfg, root, whole cfg) writing tiny data in its real format
DATA_MAKERS = {
    'CIFARPickleDataset': _make_cifar,
    'CUB': lambda dataset, root, cfg: make_cub(root),
    'CustomDataset': _make_folders,
    'VOCDataset': _make_voc,
    'CheckedVOCDataset': _make_voc,
    'CityscapesDataset': lambda dataset, root, cfg: make_cityscapes(root),
}

DET_SIDE = 64  # detection input scales are cut to this many pixels (fast CPU smoke runs)


def _inner(dataset):
    """Datasets wrapped by ``dataset`` (RepeatDataset's ``dataset``, ConcatDataset's
    ``datasets``)."""
    if dataset.get('dataset') is not None:
        return [dataset['dataset']]
    return list(dataset.get('datasets') or [])


def _shrink_scale(scale):
    if isinstance(scale, (list, tuple)) and scale and isinstance(scale[0], (list, tuple)):
        return [_shrink_scale(s) for s in scale]
    if isinstance(scale, (list, tuple)):
        factor = DET_SIDE / max(scale)
        return tuple(max(32, int(v * factor)) for v in scale)
    return min(scale, DET_SIDE) if isinstance(scale, (int, float)) else scale


DET_LIMITS = dict(nms_pre=200, max_per_img=50, num=64)
# C4 detectors (RoI head with a shared ResNet stage 4) run a ResNet stage per RoI: few RoIs
C4_LIMITS = dict(nms_pre=200, max_per_img=4, num=4)


def _shrink_det_model(node, limits):
    """Fewer RPN proposals, sampled RoIs and kept boxes (at most ``limits``): the untrained
    heads stay cheap."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in limits and isinstance(value, int):
                node[key] = min(value, limits[key])
            else:
                _shrink_det_model(value, limits)
    elif isinstance(node, list):
        for value in node:
            _shrink_det_model(value, limits)


def _shrink_det_pipeline(dataset):
    """Cut Resize/RandomResize/RandomChoiceResize scales so a few iterations run fast on CPU."""
    for transform in dataset.get('pipeline') or []:
        for key in ('scale', 'scales'):
            if key in transform:
                transform[key] = _shrink_scale(transform[key])


def _shrink_segmentation(cfg, crop=(64, 128)):
    """Cityscapes-sized inputs (1024x2048, 512x1024 crops) down to ``crop``, pipelines and model."""
    scale = (crop[1], crop[0])  # mmseg scales are (w, h)
    for _, dataset in _datasets(cfg):
        for step in dataset.get('pipeline', []):
            if step['type'] in ('Resize', 'RandomResize') and 'scale' in step:
                step['scale'] = scale
            if step['type'] == 'RandomCrop':
                step['crop_size'] = crop
    if cfg.model.get('data_preprocessor', {}).get('size'):
        cfg.model.data_preprocessor.size = crop
    if cfg.model.get('test_cfg', {}).get('mode') == 'slide':
        cfg.model.test_cfg.update(crop_size=crop, stride=crop)
    cfg.model.pretrained = None  # mmseg's 'open-mmlab://' backbone weights


def _shrink_detection(cfg):
    """Detection inputs cut to DET_SIDE px and fewer proposals/boxes, every dataset and the
    model."""
    for _, dataset in _datasets(cfg):
        _shrink_det_pipeline(dataset)
    limits = C4_LIMITS if (cfg.model.get('roi_head') or {}).get('shared_head') else DET_LIMITS
    _shrink_det_model(cfg.model, limits)
    for hook in cfg.get('custom_hooks') or []:
        if hook.get('type') == 'ValTestCfgHook':  # test_cfg values swapped in for validation
            _shrink_det_model(hook, limits)


IMAGE_SIDE = 64  # 224-px classification inputs are cut to this (models that pool adaptively)
FIXED_INPUT_BACKBONES = ('VGG', 'AlexNet', 'InitCfgAlexNet')  # classifier on a flat 7x7 / 6x6 map


def _scaled(value, factor):
    if isinstance(value, (list, tuple)):
        return type(value)(_scaled(v, factor) for v in value)
    return max(8, round(value * factor)) if isinstance(value, int) else value


def _shrink_classification_inputs(cfg, side):
    """Every classification pipeline's resize and crop sizes cut to ``side`` px (and a batch
    preprocessor's ``resize_to``)."""
    for preprocessor in (cfg.get('data_preprocessor'), cfg.model.get('data_preprocessor')):
        if preprocessor and preprocessor.get('resize_to'):
            preprocessor['resize_to'] = min(preprocessor['resize_to'], side)
    for _, dataset in _datasets(cfg):
        for step in dataset.get('pipeline') or []:
            for key in ('scale', 'crop_size'):
                if isinstance(step.get(key), int):
                    step[key] = min(step[key], side)
                elif isinstance(step.get(key), (list, tuple)):
                    step[key] = type(step[key])(min(v, side) for v in step[key])


def _shrink_images(cfg):
    """ImageNet-sized classification inputs (Resize/RandomResizedCrop/ResizeEdge/CenterCrop
    to 224) cut to IMAGE_SIDE px, except for backbones with a fixed-size classifier."""
    if cfg.model.get('backbone', {}).get('type') in FIXED_INPUT_BACKBONES:
        return
    for _, dataset in _datasets(cfg):
        for step in dataset.get('pipeline') or []:
            for key in ('scale', 'crop_size'):
                if key in step:
                    step[key] = _scaled(step[key], IMAGE_SIDE / 224)


# innermost dataset type -> function(cfg) making the config's inputs and model small enough
# for a CPU
SHRINKERS = {'CityscapesDataset': _shrink_segmentation, 'VOCDataset': _shrink_detection,
             'CheckedVOCDataset': _shrink_detection, 'CustomDataset': _shrink_images,
             'CUB': _shrink_images}


def _loaders(cfg):
    """``(name, dataloader config)`` of the three loaders and of every custom hook that
    builds its own (e.g. DetValLossHook's ``dataloader``)."""
    for name in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        if cfg.get(name):
            yield name, cfg[name]
    for hook in cfg.get('custom_hooks') or []:
        if isinstance(hook.get('dataloader'), dict):
            yield hook['type'], hook['dataloader']


def _datasets(cfg, with_members=False):
    """Every dataset of every loader (:func:`_loaders`), wrappers (RepeatDataset,
    ConcatDataset, ...) and wrapped; with ``with_members``, also how many leaves share the
    loader (for a fixed sample total)."""
    for loader, loader_cfg in _loaders(cfg):
        todo = [(loader_cfg.get('dataset'), 1)]
        while todo:
            dataset, members = todo.pop(0)
            if dataset is not None:
                yield (loader, dataset, members) if with_members else (loader, dataset)
                todo += [(inner, members * max(1, len(dataset.get('datasets') or [])))
                         for inner in _inner(dataset)]


def _without_pretrained(node):
    """Drop every ``Pretrained`` init (tests never download weights)."""
    if isinstance(node, dict):
        init = node.get('init_cfg')
        if isinstance(init, dict) and init.get('type') == 'Pretrained':
            node['init_cfg'] = None
        for value in node.values():
            _without_pretrained(value)
    elif isinstance(node, list):
        for value in node:
            _without_pretrained(value)


def shrink_config(cfg: Config, data_root: str, work_dir: str, keep_last: bool = False) -> Config:
    """Point every dataset at generated data; two epochs of one iteration each (two samples,
    batch 2), validation after the second; ``keep_last``: save the last epoch's checkpoint
    (no other)."""
    for loader, dataset, members in _datasets(cfg, with_members=True):
        if not _inner(dataset):
            dataset['indices'] = max(1, 2 // members)  # 2 samples in all
        if dataset.get('type', '').split('.')[-1] == 'RepeatDataset':
            dataset['times'] = 1
        old_root = dataset.get('data_root')
        for key, value in list(dataset.items()):  # data_root and paths built from it
            if old_root and isinstance(value, str) and value.startswith(old_root):
                dataset[key] = str(data_root) + value[len(old_root):]
        if dataset.get('type') == 'CIFARPickleDataset':
            dataset['check_md5'] = False  # generated files
    for _, loader_cfg in _loaders(cfg):
        loader_cfg.update(batch_size=2, num_workers=0, persistent_workers=False)
    for hook in cfg.get('custom_hooks') or []:
        if hook.get('type') == 'DetValLossHook':  # its best checkpoint is not under test
            hook['save_best'] = False
    if cfg.train_cfg.get('by_epoch', True) and 'max_epochs' in cfg.train_cfg:
        cfg.train_cfg.update(max_epochs=2, val_interval=1, val_begin=2)
    else:
        cfg.train_cfg.update(max_iters=2, val_interval=2)
    _without_pretrained(cfg.model)
    cfg.load_from = None  # converted/downloaded initial weights: not in tests
    shrinker = SHRINKERS.get(innermost_dataset(cfg).get('type'))
    if shrinker:
        shrinker(cfg)
    cfg.default_hooks.logger.interval = 1
    if cfg.default_hooks.get('checkpoint'):  # writing 0.5 GB VGG checkpoints is not under test
        cfg.default_hooks.checkpoint.update(interval=-1, save_last=keep_last, save_best=None)
    cfg.work_dir = str(work_dir)
    return cfg


def innermost_dataset(cfg):
    dataset = cfg.train_dataloader.dataset
    while _inner(dataset):
        dataset = _inner(dataset)[0]
    return dataset


TINY_WIDTH = 8  # channels of the tiny classifier's first stage (64 at its last)


def tiny_classifier(model: dict) -> dict:
    """An image classifier's model config with a tiny ResNet-18 (8-64 channels) and a linear
    head instead of its own backbone, neck and head; the data preprocessor (normalisation,
    Mixup/CutMix batch augments), the head's loss and the class count stay. For smoke runs,
    where what runs matters (data, schedules, hooks, logs, reports), not the network."""
    head = model.get('head') or {}
    kept = {k: model[k] for k in ('data_preprocessor', 'train_cfg') if model.get(k)}
    return dict(type='ImageClassifier', **kept,
                backbone=dict(type='ResNet', depth=18, stem_channels=TINY_WIDTH,
                              base_channels=TINY_WIDTH),
                neck=dict(type='GlobalAveragePooling'),
                head=dict(type='LinearClsHead', num_classes=head.get('num_classes', 10),
                          in_channels=TINY_WIDTH * 8,
                          loss=head.get('loss') or dict(type='CrossEntropyLoss'),
                          topk=(1, 5), cal_acc=head.get('cal_acc', False)))


def smoke_config(config: str, data_root: str, out_folder: str, made: set = None) -> str:
    """Write ``<out_folder>/<config name>.py``: ``config`` merged and shrunk
    (:func:`shrink_config`, last checkpoint kept; an image classifier's network replaced by
    :func:`tiny_classifier`, its inputs cut to 32 px) onto data generated under
    ``data_root`` (once per dataset type; ``made`` remembers which exist); returns its
    path. Its ``experiment`` metadata is the original's, so the reports find the run."""
    cfg = Config.fromfile(config)
    dataset = innermost_dataset(cfg)
    maker = DATA_MAKERS.get(dataset.get('type'))
    if maker is None:
        raise ValueError(f'{config}: no smoke data generator for {dataset.get("type")}')
    root = osp.join(data_root, dataset['type'] + str(cfg.get('num_classes', '')))
    made = set() if made is None else made
    if root not in made and not osp.isdir(root):
        maker(dataset, Path(root), cfg)  # the makers join with / (tests give tmp_path)
    made.add(root)
    if str(cfg.model.get('type', '')).split('.')[-1] == 'ImageClassifier':
        cfg.model = tiny_classifier(cfg.model)
        _shrink_classification_inputs(cfg, 32)
    cfg = shrink_config(cfg, root, osp.join(data_root, 'unused'), keep_last=True)
    for _, dataset in _datasets(cfg):  # its gc.collect() costs more than the run
        if not _inner(dataset):
            dataset['serialize_data'] = False
    if cfg.get('visualizer'):  # TensorBoard writers: slow to start, not read by the reports
        cfg.visualizer.vis_backends = [dict(type='LocalVisBackend')]
    os.makedirs(out_folder, exist_ok=True)
    path = osp.join(out_folder, osp.basename(config))
    cfg.dump(path)
    return path


# a randomly initialised few-channel Cityscapes segmenter (19 classes) and its test pipeline
TINY_MODEL = dict(
    type='EncoderDecoder',
    data_preprocessor=dict(type='SegDataPreProcessor', mean=[123.675, 116.28, 103.53],
                           std=[58.395, 57.12, 57.375], bgr_to_rgb=True, pad_val=0,
                           seg_pad_val=255, size_divisor=32),
    backbone=dict(type='ResNetV1c', depth=18, stem_channels=8, base_channels=8,
                  num_stages=2, out_indices=(1,), strides=(2, 2), dilations=(1, 1),
                  norm_cfg=dict(type='BN', requires_grad=True)),
    decode_head=dict(type='FCNHead', in_channels=16, in_index=0, channels=8, num_convs=1,
                     concat_input=False, dropout_ratio=0, num_classes=19,
                     norm_cfg=dict(type='BN', requires_grad=True), align_corners=False,
                     loss_decode=dict(type='CrossEntropyLoss', loss_weight=1.0)),
    train_cfg=dict(), test_cfg=dict(mode='whole'))

TINY_TEST_PIPELINE = [dict(type='LoadImageFromFile'),
                      dict(type='Resize', scale=(128, 64), keep_ratio=True),
                      dict(type='LoadAnnotations'),
                      dict(type='PackSegInputs')]


def save_tiny_segmenter(checkpoint: str, seed: int = 0, edit=None) -> str:
    """Build :data:`TINY_MODEL` (mmseg), initialise it with ``seed`` (then ``edit(model)``
    if given) and save it with the Cityscapes classes and palette; returns the path."""
    import torch
    from mmengine.registry import init_default_scope
    from mmseg.datasets import CityscapesDataset
    from mmseg.registry import MODELS
    init_default_scope('mmseg')
    torch.manual_seed(seed)
    model = MODELS.build(TINY_MODEL)
    model.init_weights()
    if edit:
        edit(model)
    meta = dict(dataset_meta=dict(
        classes=list(CityscapesDataset.METAINFO['classes']),
        palette=[list(c) for c in CityscapesDataset.METAINFO['palette']]))
    os.makedirs(osp.dirname(checkpoint) or '.', exist_ok=True)
    torch.save(dict(state_dict=model.state_dict(), meta=meta), checkpoint)
    return checkpoint


def smoke_segmenter(config: str, folder: str) -> tuple:
    """``(config, checkpoint)`` standing in for a published Cityscapes model in a smoke run:
    ``config`` (its test and TTA pipelines) with :data:`TINY_MODEL` as the model, and a
    randomly initialised checkpoint of it (:func:`save_tiny_segmenter`)."""
    stem = osp.splitext(osp.basename(config))[0]
    path, checkpoint = osp.join(folder, f'{stem}.py'), osp.join(folder, f'{stem}.pth')
    if not osp.isfile(checkpoint):
        os.makedirs(folder, exist_ok=True)
        cfg = Config.fromfile(config)
        cfg.model = TINY_MODEL
        cfg.dump(path)
        save_tiny_segmenter(checkpoint)
    return path, checkpoint
