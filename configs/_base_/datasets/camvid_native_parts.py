# Pieces of report 001's CamVid inference (experiment 001-A) for a Cityscapes model
# config to apply by name (a model config's own base defines test_pipeline,
# tta_pipeline and the dataloaders, so this file cannot name them itself):
# frames at their native size (CamVid 960x720; no resize to 2048x1024), and mmseg's
# test-time augmentation over resize ratios of that frame, no flip, e.g.
#   test_pipeline = _base_.native_test_pipeline
#   tta_pipeline = [_base_.tta_load, dict(type='TestTimeAug', transforms=[
#       [dict(type='Resize', scale_factor=r, keep_ratio=True) for r in img_ratios],
#       *_base_.tta_pack])]
native_test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations'),
    dict(type='PackSegInputs'),
]
tta_load = dict(type='LoadImageFromFile', backend_args=None)
tta_pack = [[dict(type='LoadAnnotations')], [dict(type='PackSegInputs')]]
