# Report 001, experiment 001-A (inference only): the comparison model of Fig. 4 (PSPNet left,
# the main model right). The report names PSPNet without a variant (J): mmseg's PSPNet R50-D8,
# Cityscapes 512x1024 80k. Checkpoint (mmseg model zoo):
# https://download.openmmlab.com/mmsegmentation/v0.5/pspnet/pspnet_r50-d8_512x1024_80k_cityscapes/pspnet_r50-d8_512x1024_80k_cityscapes_20200606_112131-2376f12b.pth
# Native frames (CamVid 960x720, no resize to 2048x1024), single scale, no flip; its
# tta_pipeline says the same, so tools/seg_video.py --tta runs it single-scale beside the
# multi-scale OCRNet. Commands: configs/cityscapes/README.md.
_base_ = ['./pspnet_r50-d8_4xb2-80k_cityscapes-512x1024.py',
          '../_base_/datasets/camvid_native_parts.py']

test_pipeline = _base_.native_test_pipeline
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader

img_ratios = [1.0]  # single scale: the native frame only (replaces the base's 0.5..1.75)
tta_model = dict(type='SegTTAModel')
tta_pipeline = [_base_.tta_load, dict(type='TestTimeAug', transforms=[
    [dict(type='Resize', scale_factor=ratio, keep_ratio=True) for ratio in img_ratios],
    *_base_.tta_pack])]
