# Report 001, experiment 001-B (faithful), initialisation 1 of 3: random. As the ImageNet
# run (data, schedule, nothing frozen, every BN in eval mode) but no pretrained weights: every
# Conv2d weight N(0, 0.02) with zero bias (backbone, stage 4, the RPN's 3x3 and 1x1 convs),
# every BN gamma N(1, 0.02), beta 0 (its running statistics stay mean 0 / variance 1, so BN
# is an affine layer); RoI classifier N(0, 0.01), deltas N(0, 0.001).
_base_ = ['./faster-rcnn_r50-caffe-c4-roipool_init-imagenet_1xb2-nesterov-warmcos-100e_voc07.py']

random_resnet = [
    dict(type='Normal', layer='Conv2d', mean=0.0, std=0.02, bias=0.0),
    dict(type='Normal', layer='_BatchNorm', mean=1.0, std=0.02, bias=0.0),
]
model = dict(
    backbone=dict(init_cfg=random_resnet),
    rpn_head=dict(init_cfg=dict(type='Normal', layer='Conv2d', mean=0.0, std=0.02, bias=0.0)),
    roi_head=dict(shared_head=dict(init_cfg=random_resnet)))
experiment = dict(report='001-B', backbone='ResNet-50 C4', method='random init')
