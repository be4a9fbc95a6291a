# ResNet-18 at 32x32: 3x3 stride-1 stem, four stages of two basic blocks
# (64/128/256/512) with stride-2 3x3 transition convs, global average pool, Linear.
model = dict(
    type='ImageClassifier',
    backbone=dict(type='CifarResNet18'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(type='LinearClsHead', num_classes=100, in_channels=512,
              loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
