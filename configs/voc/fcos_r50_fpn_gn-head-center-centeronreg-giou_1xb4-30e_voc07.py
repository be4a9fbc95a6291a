# Report 000, experiment 000-C, the logged run (optional reading of "iteration = 1252"): the
# faithful FCOS recipe (fcos_r50_fpn_gn-head-center-centeronreg-giou_1xb16-30e_voc0712.py)
# with batch 4 on VOC2007 trainval only (5,011 images, difficult deleted): 1,253 it/epoch
# (the original printed 5,011 // 4 = 1,252 as the step count but its loader kept the last
# image). The lr schedule is the same per iteration (warm-up 501, x0.1 from iteration 20,001,
# x0.01 from 27,001: epochs 16 and 22 at this batch size); the report's text says batch 16.
_base_ = ['./fcos_r50_fpn_gn-head-center-centeronreg-giou_1xb16-30e_voc0712.py']

train_dataloader = dict(
    batch_size=4,
    dataset=dict(_base_.voc07_trainval_no_difficult, _delete_=True,
                 pipeline=_base_.train_pipeline))
experiment = dict(method='FCOS, batch 4, VOC2007 trainval (the logged run)')
