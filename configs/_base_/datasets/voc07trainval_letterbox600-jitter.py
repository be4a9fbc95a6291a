# Report 001, experiment 001-B (bubbliiing Faster R-CNN R50-C4, three initialisations): the data.
# Training: VOC2007 trainval (5,011 images), difficult objects deleted, every image kept;
# letterbox jitter 600x600 -> flip 0.5 -> HSV gains (as 000-B); batch 2, reshuffled, last
# incomplete batch dropped (2,505 it/epoch).
# Test loss (every epoch, X1) and test mAP (every 5 epochs): VOC2007 test (4,952), difficult
# deleted; the loss on the 600x600 letterbox without jitter, batch 2, last batch dropped
# (2,476 batches; `val_loss_dataloader`), the mAP at short side 600 (bicubic).
# Metric: VOC area AP at IoU 0.5 (`pascal_voc_area/mAP` + per-class rows).
_base_ = ['./voc07_letterbox600-jitter.py']

train_dataloader = dict(
    batch_size=2,
    dataset=dict(_base_.voc07_trainval_no_difficult, _delete_=True,
                 pipeline=_base_.train_pipeline))
val_dataloader = dict(
    dataset=dict(_base_.voc07_test_no_difficult, _delete_=True,
                 pipeline=_base_.test_pipeline))
test_dataloader = val_dataloader

val_loss_dataloader = dict(
    batch_size=2,
    dataset=dict(_base_.voc07_test_no_difficult, _delete_=True,
                 pipeline=_base_.val_loss_pipeline))
