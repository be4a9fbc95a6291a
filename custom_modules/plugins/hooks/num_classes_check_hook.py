"""Fail fast, with one clear message, when the model's class count and the data disagree.

Without this a wrong ``num_classes`` surfaces as an index error deep inside
the loss (or silently trains a head with unused outputs). mmdet has
``NumClassCheckHook`` for detectors only; this one covers classifiers
(``head.num_classes``), detectors (``roi_head.bbox_head`` / ``bbox_head``) and
segmentors (``decode_head``), comparing with ``dataset.metainfo['classes']``.
"""
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmengine.registry import HOOKS

from custom_modules.errors import ConfigError

_HEAD_PATHS = ('head', 'bbox_head', 'roi_head.bbox_head', 'decode_head')


def _model_num_classes(model):
    """Return ``(config_key, num_classes)`` pairs of the model's class heads."""
    found = []
    for path in _HEAD_PATHS:
        obj = model
        for name in path.split('.'):
            obj = getattr(obj, name, None)
        heads = obj if isinstance(obj, (list, tuple)) else [obj]
        for head in heads:
            num = getattr(head, 'num_classes', None)
            if isinstance(num, int) and num > 0:
                found.append((f'model.{path}.num_classes', num))
    return found


@HOOKS.register_module()
class NumClassesCheckHook(Hook):
    """Raise :class:`ConfigError` if a class head's size != the dataset's classes.

    Args:
        None: the hook takes no arguments.

    Example::

        custom_hooks = [dict(type='NumClassesCheckHook')]
    """

    def _check(self, runner, loader_name: str) -> None:
        loader = getattr(runner, loader_name)
        dataset = getattr(loader, 'dataset', None)
        classes = getattr(dataset, 'metainfo', {}).get('classes')
        if not classes:
            return
        model = runner.model.module if is_model_wrapper(runner.model) else runner.model
        for key, num in _model_num_classes(model):
            if num != len(classes):
                raise ConfigError(
                    f'{key}={num} but {loader_name}.dataset '
                    f'({type(dataset).__name__}) has {len(classes)} classes; '
                    f'set {key}={len(classes)} in the config')

    def before_train(self, runner) -> None:
        self._check(runner, 'train_dataloader')

    def before_val(self, runner) -> None:
        self._check(runner, 'val_dataloader')

    def before_test(self, runner) -> None:
        self._check(runner, 'test_dataloader')
