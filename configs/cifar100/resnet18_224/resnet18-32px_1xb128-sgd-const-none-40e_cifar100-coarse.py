# Report 004, optimiser comparison, SGD arm: the Adam arm's setting with plain SGD
# at the same lr 1e-3 (momentum 0, weight decay 0), constant, 40 epochs.
_base_ = ['./resnet18-32px_1xb128-adam-const-none-40e_cifar100-coarse.py']
optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='SGD', lr=1e-3, momentum=0, weight_decay=0))
experiment = dict(report='004', backbone='ResNet-18 @32, 20 superclasses, constant lr',
                  method='SGD')
