# Report 001, experiment 001-A (inference only): the Cityscapes model segmenting every CamVid
# test frame (Fig. 3, one colour video per sequence). Closest mmseg model to the report's
# HRNet-W48 + OCR + hierarchical multi-scale attention trained with InverseForm (D):
# mmseg's OCRNet HRNetV2p-W48, Cityscapes 512x1024 160k. Checkpoint (mmseg model zoo):
# https://download.openmmlab.com/mmsegmentation/v0.5/ocrnet/ocrnet_hr48_512x1024_160k_cityscapes/ocrnet_hr48_512x1024_160k_cityscapes_20200602_191037-dfbf1b0c.pth
# Native frames (CamVid 960x720, no resize to 2048x1024); multi-scale inference at 0.25/0.5/1/2
# of the frame, no flip, mmseg's SegTTAModel averaging the scales (D: the report fuses them with
# learned attention). Run it with tools/seg_video.py --tta [--amp]: configs/cityscapes/README.md.
_base_ = ['./ocrnet_hr48_4xb2-160k_cityscapes-512x1024.py',
          '../_base_/datasets/camvid_native_parts.py']

test_pipeline = _base_.native_test_pipeline
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader

img_ratios = [0.25, 0.5, 1.0, 2.0]  # of the native frame (replaces the base's 0.5..1.75)
tta_model = dict(type='SegTTAModel')
tta_pipeline = [_base_.tta_load, dict(type='TestTimeAug', transforms=[
    [dict(type='Resize', scale_factor=ratio, keep_ratio=True) for ratio in img_ratios],
    *_base_.tta_pack])]
