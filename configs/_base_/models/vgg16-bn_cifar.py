# VGG16 with BatchNorm at 32x32: 13 convs in 5 blocks, each ending in a 2x2
# max-pool (512x1x1), then Linear 512-4096-4096-num_classes with ReLU and dropout.
model = dict(
    type='ImageClassifier',
    backbone=dict(type='VGG', depth=16, norm_cfg=dict(type='BN'), num_classes=-1),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(type='StackedLinearClsHead', num_classes=100, in_channels=512,
              mid_channels=[4096, 4096], dropout_rate=0.5,
              loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
