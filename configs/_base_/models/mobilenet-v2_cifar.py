# MobileNetV2 at 32x32: 1x1 stride-1 stem (32), inverted residuals down to 2x2,
# 1x1 conv to 1280, average pool, then a 1x1-conv-equivalent Linear to the classes.
model = dict(
    type='ImageClassifier',
    backbone=dict(type='CifarMobileNetV2'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(type='LinearClsHead', num_classes=100, in_channels=1280,
              loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
