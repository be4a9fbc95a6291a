# Report 004, optimiser comparison, Adam arm: 20 superclasses, 32-px input, no
# shift/flip, Adam lr 1e-3 kept constant (no decay: "without the other methods"),
# 40 epochs, batch 128: the task-1 final without shift, flip, upsampling and lr decay.
_base_ = ['./resnet18-up224_1xb128-adam-exp0.85-shift-flip-40e_cifar100-coarse.py']
data_preprocessor = dict(resize_to=None, crop_padding=0, flip_prob=0.0)
param_scheduler = None  # constant learning rate
experiment = dict(report='004', backbone='ResNet-18 @32, 20 superclasses, constant lr',
                  method='Adam')
