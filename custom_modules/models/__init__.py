"""Models this repo adds to mmpretrain: CIFAR backbones, batch augmentations, preprocessors."""
from .batch_cutout import BatchCutout
from .cifar_batch_preprocessor import CIFARBatchPreprocessor
from .cifar_mobilenet_v2 import CifarMobileNetV2
from .cifar_resnet18 import CifarResNet18

__all__ = ['BatchCutout', 'CIFARBatchPreprocessor', 'CifarMobileNetV2', 'CifarResNet18']
