# MobileNetV2 at 32x32 (report 000): 1x1 stride-1 stem (32), inverted residuals with
# expansion 6 in every block (the first too) down to 2x2, 1x1 conv to 1280, a bias in every
# conv, average pool, then Linear 1280 -> classes (= the report's 1x1 conv classifier).
# PyTorch's default initialisation (backbone and head init_cfg None).
model = dict(
    type='ImageClassifier',
    backbone=dict(type='CifarMobileNetV2', first_expand_ratio=6, conv_bias=True, init_cfg=None),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(type='LinearClsHead', num_classes=100, in_channels=1280, init_cfg=None,
              loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
