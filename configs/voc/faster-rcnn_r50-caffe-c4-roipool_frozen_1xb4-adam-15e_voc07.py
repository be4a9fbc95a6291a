# Report 000, experiment 000-B (faithful): the bubbliiing Faster R-CNN R50-C4 fine-tuned on
# VOC2007 train with the backbone frozen (stem + stages 1-3, every BN in eval mode; stage 4,
# RPN and RoI head train), Adam 1e-4 with a 1-epoch warm-up and cosine to 1e-6, batch 4,
# 15 epochs (the "unfreeze" phase of the original never runs: UnFreeze_Epoch = 15 is the
# total). Validation loss every epoch and VOC2007-val mAP after epochs 5/10/15 (training
# proposal numbers, top 100 detections); final test on VOC2007 test.
# Initialisation (docs/reproduction.md, D1): the original started from a complete R50-C4
# detector trained on VOC; no OpenMMLab VOC C4 checkpoint exists, so this loads mmdet's
# COCO R50-caffe-C4 detector converted to the 20 VOC classes and 9 anchors (written to
# load_from) by
#   python tools/convert_coco_c4_to_voc.py \
#       faster_rcnn_r50_caffe_c4_1x_coco_20220316_150152-3f885b85.pth
# Its frozen backbone needs the checkpoint's caffe normalisation (BGR, mean subtracted, std 1)
# instead of the original's RGB/255 (D), and the RPN keeps the checkpoint's 1024 mid channels
# instead of the original's 512 to load its trained 3x3 conv (D, J).
_base_ = [
    '../_base_/models/faster-rcnn_r50-caffe-c4-roipool_voc.py',
    '../_base_/datasets/voc07_letterbox600-jitter.py',
    '../_base_/schedules/det_adam-warmcos_15e.py',
    '../_base_/det_runtime.py',
]

model = dict(
    data_preprocessor=dict(mean=[103.530, 116.280, 123.675], std=[1.0, 1.0, 1.0],
                           bgr_to_rgb=False),
    backbone=dict(frozen_stages=3),  # stem + stages 1-3 without gradients
    rpn_head=dict(feat_channels=1024))
load_from = 'checkpoints/faster-rcnn_r50-caffe-c4_coco-to-voc.pth'

default_hooks = dict(checkpoint=dict(interval=5, max_keep_ckpts=-1, save_last=True,
                                      save_best=None))  # every 5th epoch and the last, all kept
custom_hooks = [
    *_base_.custom_hooks,
    # the loss on `val_loss_dataloader` every epoch; the lowest one's weights: best_val_loss.pth
    dict(type='DetValLossHook', interval=1, save_best=True,
         dataloader=_base_.val_loss_dataloader),
    # periodic validation mAP as the original's (model built in training mode): the training
    # proposal numbers (12000 -> 600), score > 0.05, the 100 best detections per image
    dict(type='ValTestCfgHook', rpn='rpn_proposal', rcnn=dict(score_thr=0.05, max_per_img=100)),
]
experiment = dict(report='000-B', backbone='ResNet-50 C4',
                  method='COCO C4 detector converted to VOC, frozen')
