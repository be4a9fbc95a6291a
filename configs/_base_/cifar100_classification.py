# Shared base of the CIFAR-100 matrix (report 000, experiment 000-A): data (last-5,000
# validation split; crop + flip + rotation ±15°) + 200-epoch SGD schedule + runtime.
# A matrix config adds a model base and, for Mixup/Cutout/CutMix, one
# `model.train_cfg.augments` entry.
_base_ = [
    './datasets/cifar100_crop-flip-rot15_last5k_bs128.py',
    './schedules/cifar100_sgd_200e.py',
    './cls_runtime.py',
]
# validation loss = the mean of the batch means (O divides the summed batch means by the
# number of batches; the last of 40 batches has 8 images), not the mean over images
custom_hooks = [dict(h, average='batch') if h['type'] == 'ValLossHook' else h
                for h in _base_.custom_hooks]
