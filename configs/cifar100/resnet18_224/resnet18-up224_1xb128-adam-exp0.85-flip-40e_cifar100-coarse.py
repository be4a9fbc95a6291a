# Report 004, task-1 ablation row: shift no, flip yes, upsampling yes; otherwise the
# task-1 final (20 superclasses, Adam 1e-3, lr x0.85 per epoch, 40 epochs).
_base_ = ['./resnet18-up224_1xb128-adam-exp0.85-shift-flip-40e_cifar100-coarse.py']
data_preprocessor = dict(crop_padding=0)
experiment = dict(report='004', backbone='ResNet-18 @224, 20 superclasses', method='flip')
