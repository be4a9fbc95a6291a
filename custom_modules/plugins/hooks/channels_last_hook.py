"""Train in the channels-last memory format: the model's weights and every preprocessed batch.

Convolutions run faster on NHWC tensors on most hardware (tensor cores,
oneDNN). The weights are converted in place (same ``Parameter`` objects, so
the optimizer built before the hook runs keeps working) and a forward hook
on the model's data preprocessor converts the 4-D ``inputs`` it returns, so
nothing in the config's model or preprocessor changes.
"""
import torch
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmengine.registry import HOOKS


def _to_channels_last(module, args, output):
    inputs = output.get('inputs') if isinstance(output, dict) else None
    if isinstance(inputs, torch.Tensor) and inputs.dim() == 4:
        output['inputs'] = inputs.contiguous(memory_format=torch.channels_last)
    return output


@HOOKS.register_module()
class ChannelsLastHook(Hook):
    """Convert the model (after its weights are initialised or loaded) and its batches to
    ``torch.channels_last`` before training.

    Args:
        None: the hook takes no arguments.

    Example::

        custom_hooks = [dict(type='ChannelsLastHook')]
    """
    priority = 'VERY_HIGH'

    def __init__(self):
        self._handle = None

    def before_train(self, runner) -> None:
        model = runner.model.module if is_model_wrapper(runner.model) else runner.model
        model.to(memory_format=torch.channels_last)
        preprocessor = getattr(model, 'data_preprocessor', None)
        if preprocessor is not None and self._handle is None:
            self._handle = preprocessor.register_forward_hook(_to_channels_last)
