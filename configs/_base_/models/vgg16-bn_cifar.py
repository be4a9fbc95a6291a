# VGG16 with BatchNorm at 32x32 (report 000): 13 biased 3x3 convs + BN + ReLU in 5 blocks,
# each ending in a 2x2 max-pool (512x1x1), then Linear 512-4096-4096-num_classes with ReLU
# and dropout 0.5. PyTorch's default initialisation everywhere: mmpretrain's VGG init
# (Kaiming convs) and ConvModule's own Kaiming re-init are switched off (init_cfg=None,
# DefaultInitConv2d), as is StackedLinearClsHead's.
model = dict(
    type='ImageClassifier',
    backbone=dict(type='VGG', depth=16, norm_cfg=dict(type='BN'), num_classes=-1,
                  conv_cfg=dict(type='DefaultInitConv2d'), init_cfg=None),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(type='StackedLinearClsHead', num_classes=100, in_channels=512,
              mid_channels=[4096, 4096], dropout_rate=0.5, init_cfg=None,
              loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
