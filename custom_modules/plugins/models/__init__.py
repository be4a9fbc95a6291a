"""Models this repo adds to mmpretrain: CIFAR and from-scratch backbones, batch augmentations,
preprocessors (``DefaultInitConv2d``: mmengine's root MODELS). The mmdet heads and RoI
layers are in :mod:`..mmdet_models`."""
from .batch_cutout import BatchCutout
from .batch_mixup import BatchMixup
from .cifar_batch_preprocessor import CIFARBatchPreprocessor
from .cifar_mobilenet_v2 import CifarMobileNetV2
from .cifar_resnet18 import CifarResNet18
from .cifar_resnext import CifarResNeXt
from .default_init_conv import DefaultInitConv2d
from .exact_size_cutmix import ExactSizeCutMix
from .googlenet import GoogLeNet, GoogLeNetHead
from .init_cfg_alexnet import InitCfgAlexNet
from .nin import NIN
from .sincos_vit import SinCosViT
from .timm_init_vit import TimmInitViT

__all__ = ['BatchCutout', 'BatchMixup', 'CIFARBatchPreprocessor', 'CifarMobileNetV2',
           'CifarResNet18', 'CifarResNeXt', 'DefaultInitConv2d', 'ExactSizeCutMix', 'GoogLeNet',
           'GoogLeNetHead', 'InitCfgAlexNet', 'NIN', 'SinCosViT', 'TimmInitViT']
