"""Checkpoints built the way the files the configs name were published (tiny tensors).

Read from the code that wrote them:

- mmcv 1.x ``save_checkpoint`` (mmcv/runner/checkpoint.py): ``{'meta', 'state_dict',
  'optimizer'}``. ``meta`` is the runner's meta (the libraries' tools/train.py:
  ``env_info``, ``config`` (the config text), ``seed``, ``exp_name``; their CheckpointHook
  meta: ``<lib>_version``, ``CLASSES`` tuple (mmseg also ``PALETTE``, a list of [r, g, b]
  lists); CheckpointHook: ``hook_msgs['last_ckpt']``; an EvalHook with ``save_best``:
  ``best_score``, ``best_ckpt``), then the runner's ``save_checkpoint`` adds ``epoch`` and
  ``iter``, and mmcv's ``save_checkpoint`` ``mmcv_version``, ``time`` (``time.asctime()``)
  and the model's ``CLASSES``. The state dict is mmcv's ``weights_to_cpu(get_state_dict())``:
  an ``OrderedDict`` of CPU tensors carrying ``_metadata`` (module prefix ->
  ``{'version': n}``). The optimizer entry is ``optimizer.state_dict()``.
- mmdet 2.x ``tools/model_converters/publish_model.py`` (and mmcls 0.x's): drops
  ``optimizer``, saves with ``_use_new_zipfile_serialization=False`` (torch's legacy,
  non-zip format); mmseg 0.x ``tools/publish_model.py`` drops ``optimizer`` and saved with
  torch 1.5, whose default was that legacy format.
- torchvision: ``model.state_dict()`` alone (an ``OrderedDict`` with ``_metadata``);
  GoogLeNet (2019) in the legacy format, the 2021 ResNet re-uploads as zip.
- mmdet's ``detectron2pytorch.py`` (``open-mmlab://detectron/resnet50_caffe``):
  ``{'state_dict': OrderedDict}`` without ``_metadata`` or ``num_batches_tracked``. The
  converter of ``open-mmlab://darknet53`` is not public; it is assumed to be the same.
- numpy scalars in ``meta`` (an mmseg 0.x ``best_score``) were pickled by numpy 1.x as
  ``numpy.core.multiarray.scalar``: :data:`NUMPY1_PICKLE` writes those names.

Tensors keep the model's shapes but are views of a one-element storage (tiny files); each
key gets its own value (:func:`weight_value`) so a test can see which tensor went where.
"""
import pickle
import time
import types
from collections import OrderedDict

import numpy as np
import torch

_multiarray = np._core.multiarray
_NUMPY1_NAMES = {_multiarray.scalar: ('numpy.core.multiarray', 'scalar'),
                 _multiarray._reconstruct: ('numpy.core.multiarray', '_reconstruct')}


class _Numpy1Pickler(pickle._Pickler):
    """Pickles numpy's reconstruct functions under the module name numpy 1.x had."""

    def save_global(self, obj, name=None):
        if obj in _NUMPY1_NAMES:
            module, qualname = _NUMPY1_NAMES[obj]
            self.write(pickle.GLOBAL + f'{module}\n{qualname}\n'.encode())
            self.memoize(obj)
            return
        super().save_global(obj, name)


# torch.save(..., pickle_module=NUMPY1_PICKLE): the pickle a numpy 1.x process wrote
NUMPY1_PICKLE = types.SimpleNamespace(Pickler=_Numpy1Pickler, dump=pickle.dump,
                                      __name__='numpy1_pickle')


def weight_value(index: int) -> float:
    """The value of the ``index``-th tensor of a tiny checkpoint."""
    return 1.0 + index / 1024


def tiny_weights(state_dict, metadata=True) -> 'OrderedDict[str, torch.Tensor]':
    """``state_dict``'s keys and shapes; tensor ``i`` is :func:`weight_value` (i) everywhere,
    stored as one element. ``metadata``: carry mmcv's/torch's ``_metadata``."""
    tiny = OrderedDict()
    for index, (key, value) in enumerate(state_dict.items()):
        fill = index if not value.dtype.is_floating_point else weight_value(index)
        tiny[key] = torch.full((), fill, dtype=value.dtype).expand(value.shape)
    if metadata:
        tiny._metadata = getattr(state_dict, '_metadata', None) or _module_metadata(tiny)
    return tiny


def _module_metadata(state_dict) -> OrderedDict:
    """mmcv's ``get_state_dict`` metadata: every module prefix -> its ``_version`` (2 for
    batch norm, whose ``num_batches_tracked`` came with version 2)."""
    metadata = OrderedDict([('', {'version': 1})])
    for key in state_dict:
        parts = key.split('.')[:-1]
        for end in range(1, len(parts) + 1):
            metadata.setdefault('.'.join(parts[:end]), {'version': 1})
        if key.endswith('running_mean'):
            metadata['.'.join(parts)] = {'version': 2}
    return metadata


def mmcv1_meta(library: str, version: str, config_name: str, classes, epoch: int,
               iteration: int, palette=None, hook_msgs=None, mmcv_version='1.4.6') -> dict:
    """``meta`` as an mmcv 1.x runner saved it for ``library`` (mmdet, mmseg, mmcls)."""
    meta = dict(env_info='sys.platform: linux\nPython: 3.7.11\nCUDA available: True\n'
                         'PyTorch: 1.6.0\nTorchVision: 0.7.0\nOpenCV: 4.5.4',
                config=f"model = dict(type='Example')\n# {config_name}\n",
                seed=0, exp_name=config_name)
    meta[f'{library}_version'] = version
    meta['CLASSES'] = tuple(classes)
    if palette is not None:
        meta['PALETTE'] = [list(colour) for colour in palette]
    meta['hook_msgs'] = dict(hook_msgs or {'last_ckpt': f'./work_dirs/{config_name}/latest.pth'})
    meta.update(epoch=epoch, iter=iteration, mmcv_version=mmcv_version,
                time=time.asctime(time.gmtime(0)))
    return meta


def mmcv1_checkpoint(state_dict, meta: dict) -> dict:
    """What mmcv 1.x ``save_checkpoint`` wrote: meta, tiny weights, SGD's state."""
    weights = tiny_weights(state_dict)
    floats = [key for key, value in weights.items() if value.dtype.is_floating_point]
    optimizer = dict(
        state={i: {'momentum_buffer': weights[key]} for i, key in enumerate(floats[:4])},
        param_groups=[dict(lr=0.0002, momentum=0.9, dampening=0, weight_decay=0.0001,
                           nesterov=False, initial_lr=0.02, params=list(range(len(floats))))])
    return {'meta': meta, 'state_dict': weights, 'optimizer': optimizer}


def publish_model(checkpoint: dict, path, pickle_module=pickle) -> str:
    """mmdet 2.x / mmcls 0.x / mmseg 0.x ``publish_model``: without the optimizer, in
    torch's legacy (non-zip) format, at ``path``."""
    published = {key: value for key, value in checkpoint.items() if key != 'optimizer'}
    torch.save(published, path, _use_new_zipfile_serialization=False,
               pickle_module=pickle_module)
    return str(path)


def save_torchvision(model: torch.nn.Module, path, legacy: bool) -> 'OrderedDict':
    """torchvision's published weights: the bare (tiny) state dict; returns it."""
    weights = tiny_weights(model.state_dict())
    torch.save(weights, path, _use_new_zipfile_serialization=not legacy)
    return weights


def save_converted_third_party(state_dict, path) -> 'OrderedDict':
    """mmdet's converted third-party backbones: ``{'state_dict': OrderedDict}``, no BN
    ``num_batches_tracked``, no ``_metadata``, legacy format; returns the weights."""
    weights = tiny_weights(OrderedDict((key, value) for key, value in state_dict.items()
                                       if not key.endswith('num_batches_tracked')),
                           metadata=False)
    torch.save({'state_dict': weights}, path, _use_new_zipfile_serialization=False)
    return weights
