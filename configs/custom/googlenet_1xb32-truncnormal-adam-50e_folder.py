# Report 003, run G1: GoogLeNet (Inception v1, BN after every conv, torchvision layout)
# from scratch, truncated-normal init, no augmentation, Adam 1e-3 constant, 50 epochs.
# Init as torchvision's GoogLeNet (the slide's torch.nn.init.trunc_normal_): Conv2d and
# Linear weights (main and auxiliary heads) ~ N(0, 0.01^2) redrawn outside [a, b] = [-2, 2]
# (absolute bounds, as in torch: at std 0.01 practically a plain normal), BN weight 1 /
# bias 0. mmengine's TruncNormal also sets the Linear biases to 0 (torchvision keeps
# PyTorch's default uniform biases). The two auxiliary classifiers add 0.3 x their losses
# in training and are not used at test.
_base_ = ['../_base_/folder_classification.py']
trunc_normal = dict(type='TruncNormal', std=0.01, a=-2, b=2, bias=0)
bn_constant = dict(type='Constant', val=1, bias=0, layer='_BatchNorm')
model = dict(
    type='ImageClassifier',
    backbone=dict(type='GoogLeNet', init_cfg=[dict(trunc_normal, layer='Conv2d'), bn_constant]),
    head=dict(type='GoogLeNetHead', num_classes={{_base_.num_classes}}, aux_weight=0.3,
              dropout=0.2,  # torchvision's GoogLeNet (aux heads: 0.7, the default)
              loss=dict(type='CrossEntropyLoss', loss_weight=1.0), cal_acc=True,
              init_cfg=[dict(trunc_normal, layer=['Conv2d', 'Linear']), bn_constant]))
train_cfg = dict(max_epochs=50)
experiment = dict(report='003', backbone='GoogLeNet', method='scratch, trunc-normal')
