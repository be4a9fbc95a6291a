# ResNet-18 at 32x32 (report 000): 3x3 stride-1 stem (conv + BN + ReLU), four stages of two
# basic blocks (64/128/256/512) joined by bare stride-2 3x3 convs (no BN/ReLU), a bias in
# every conv, global average pool, Linear 512 -> classes. PyTorch's default initialisation
# (backbone and head init_cfg None).
model = dict(
    type='ImageClassifier',
    backbone=dict(type='CifarResNet18', conv_bias=True, bare_transitions=True, init_cfg=None),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(type='LinearClsHead', num_classes=100, in_channels=512, init_cfg=None,
              loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
