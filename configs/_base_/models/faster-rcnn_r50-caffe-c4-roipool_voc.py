# Faster R-CNN R50-C4 as the bubbliiing code of reports 000-B and 001-B builds it (configs/voc
# README.md, 000-B): caffe-style ResNet-50 stem + stages 1-3 (stride 16, 1024 ch) shared by the RPN
# and the RoI head; 9 anchors of 128/256/512 px; a 512-channel RPN with 2-way softmax
# objectness; RoIPool 14x14 (torchvision, runs on CPU) -> ResNet stage 4 -> average pool ->
# 21-way softmax + class-specific deltas; smooth-L1 (beta 1) box losses normalised by each
# image's positives. Every BN is in eval mode (running statistics frozen), gamma/beta trainable.
# Pixels: RGB / 255 without mean/std (the original's input); nothing frozen, no pretrained
# weights: the experiment configs set the initialisation (and 000-B the caffe normalisation).
# test_cfg holds the final-test settings; the experiment configs' ValTestCfgHook swaps in the
# periodic-validation ones.
_base_ = ['mmdet::_base_/models/faster-rcnn_r50-caffe-c4.py']

norm_cfg = dict(type='BN', requires_grad=True)  # BN in eval mode, gamma/beta trainable
model = dict(
    data_preprocessor=dict(mean=[0.0, 0.0, 0.0], std=[255.0, 255.0, 255.0], bgr_to_rgb=True,
                           pad_size_divisor=1),  # RGB/255; the original pads nothing
    backbone=dict(frozen_stages=-1, norm_cfg=norm_cfg, norm_eval=True, init_cfg=None),
    rpn_head=dict(
        type='PerImageNormRPNHead',
        feat_channels=512,
        anchor_generator=dict(type='AnchorGenerator', strides=[16], base_sizes=[16],
                              scales=[8, 16, 32], ratios=[0.5, 1.0, 2.0]),
        loss_cls=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0),
        loss_bbox=dict(_delete_=True, type='SmoothL1Loss', beta=1.0, loss_weight=1.0)),
    roi_head=dict(
        shared_head=dict(norm_cfg=norm_cfg, norm_eval=True, init_cfg=None),
        bbox_roi_extractor=dict(
            type='RegisteredLayerRoIExtractor',
            roi_layer=dict(_delete_=True, type='TorchvisionRoIPool', output_size=14),
            out_channels=1024, featmap_strides=[16]),
        bbox_head=dict(
            type='PerImageNormBBoxHead',
            num_classes=20,
            loss_bbox=dict(_delete_=True, type='SmoothL1Loss', beta=1.0, loss_weight=1.0))),
    train_cfg=dict(
        rpn=dict(
            assigner=dict(pos_iou_thr=0.7, neg_iou_thr=0.3, min_pos_iou=0.0,
                          match_low_quality=True, gt_max_assign_all=False),
            sampler=dict(num=256, pos_fraction=0.5, add_gt_as_proposals=False),
            allowed_border=-1),
        rpn_proposal=dict(nms_pre=12000, max_per_img=600, nms=dict(type='nms', iou_threshold=0.7),
                          min_bbox_size=16),
        rcnn=dict(
            assigner=dict(pos_iou_thr=0.5, neg_iou_thr=0.5, min_pos_iou=0.5,
                          match_low_quality=False),
            sampler=dict(num=128, pos_fraction=0.5, add_gt_as_proposals=True))),
    test_cfg=dict(
        rpn=dict(nms_pre=3000, max_per_img=300, nms=dict(type='nms', iou_threshold=0.7),
                 min_bbox_size=16),
        # final test: score > 0.02, class-wise NMS 0.5, no cap on detections per image
        rcnn=dict(score_thr=0.02, nms=dict(type='nms', iou_threshold=0.5), max_per_img=0)))
