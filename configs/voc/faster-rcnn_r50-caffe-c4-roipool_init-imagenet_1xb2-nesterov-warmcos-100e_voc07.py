# Report 001, experiment 001-B (faithful), initialisation 2 of 3: ImageNet. The bubbliiing
# Faster R-CNN R50-C4 trained on VOC2007 trainval for 100 epochs (batch 2, SGD Nesterov
# momentum 0.9, no weight decay, lr 1.25e-3 after a 3-epoch quadratic warm-up, cosine to
# 1.25e-5, last 5 epochs flat); test loss every epoch and test mAP every 5 epochs on VOC2007
# test (training proposal numbers, top 100 detections). Nothing is frozen; every BN is in eval
# mode (running statistics of the initial weights), gamma/beta train. Pixels RGB/255 without
# mean/std for all three initialisations (as the original, although the weights were
# trained with mean/std).
# Weights: torchvision's ResNet-50 (resnet50-19c8e357) in the stem, stages 1-3 and stage 4,
# used in caffe style (stride on the 1x1 conv, as the original); RPN convs N(0, 0.01), RoI
# classifier N(0, 0.01), deltas N(0, 0.001) (mmdet's head defaults).
_base_ = [
    '../_base_/models/faster-rcnn_r50-caffe-c4-roipool_voc.py',
    '../_base_/datasets/voc07trainval_letterbox600-jitter.py',
    '../_base_/schedules/det_sgd-nesterov-warmcos_100e.py',
    '../_base_/det_runtime.py',
]

imagenet_resnet50 = dict(type='Pretrained', checkpoint='torchvision://resnet50', _delete_=True)
model = dict(backbone=dict(init_cfg=imagenet_resnet50),
             roi_head=dict(shared_head=dict(init_cfg=imagenet_resnet50)))

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
experiment = dict(report='001-B', backbone='ResNet-50 C4', method='ImageNet init')
