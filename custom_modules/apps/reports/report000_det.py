"""Report 000-B (Faster R-CNN R50-C4, frozen backbone, VOC2007) and 000-C (FCOS, VOC07+12)
in R000's layout.

000-B: per-epoch mean training loss and validation loss (15 points), the mAP on VOC2007
val after epochs 5, 10, 15 (with the original's placeholder 0 at epoch 0), and the final
per-class area AP on VOC2007 test (``test_metrics.json`` of tools/run_matrix.py, else the
latest ``tools/test.py`` log in the work dir) as a table and a bar chart.
R000 publishes no number for 000-B (its figures are missing images).

000-C: per-iteration curves of the three FCOS losses, the mAP per epoch and the
per-class table of the best epoch beside R000's printout (18 classes and the mAP)."""
import os.path as osp

from .common import Layout
from .det_common import (
    best_epoch,
    class_bars,
    class_table,
    epoch_table,
    iterations,
    metric_prefix,
    with_placeholder,
)
from .reference import R000_FCOS_AP, R000_FCOS_MAP

# the runs' experiment metadata (configs/voc/faster-rcnn_r50-caffe-c4-roipool_frozen_1xb4-
# adam-15e_voc07.py, configs/voc/fcos_r50_fpn_gn-head-center-centeronreg-giou_1xb16-30e_voc0712.py)
FRCNN = dict(report='000-B', method='COCO C4 detector converted to VOC, frozen')
FCOS = dict(report='000-C', method='FCOS')
FCOS_LOSSES = [('classification loss (loss_cls)', [('loss_cls', 'loss_cls')]),
               ('centerness loss (loss_centerness)', [('loss_centerness', 'loss_centerness')]),
               ('box GIoU loss (loss_bbox)', [('loss_bbox', 'loss_bbox')])]


def build_frcnn(layout: Layout) -> None:
    name = layout.find(**FRCNN)
    epochs = layout.epochs(name)
    prefix = metric_prefix(list(epochs.values()))
    key = f'{prefix}/mAP'
    layout.curves('000-B_loss', '000-B: train/valid loss', {'Faster R-CNN': epochs},
                  [('loss (epoch mean)', [('train/epoch_loss', 'train'),
                                          ('val/loss', 'valid (VOC2007 val)')])])
    layout.curves('000-B_val_map', '000-B: mAP on VOC2007 val (epoch 0: placeholder 0)',
                  {'Faster R-CNN': with_placeholder(epochs, key)},
                  [(f'mAP ({prefix})', [(key, 'mAP')])])
    epoch_table(layout, '000-B_epochs', '000-B: loss and validation mAP per epoch', epochs,
                {'train loss': 'train/epoch_loss', 'valid loss': 'val/loss', 'val mAP': key},
                note=f'Run `{name}`. Training loss: mean over the epoch\'s iterations; '
                     'valid loss: the training losses on VOC2007 val (no_grad); '
                     f'val mAP: `{key}`, VOC2007 val.')
    test = layout.test_metrics(name)
    if test:
        title, prefix = '000-B: per-class AP on VOC2007 test', metric_prefix([test])
        tested = f"`{test['checkpoint']}`" if test.get('checkpoint') else 'the checkpoint'
        source = (f"the test log `{osp.relpath(test['test_log'], layout.work_root)}`"
                  if test.get('test_log') else 'test_metrics.json')
        class_table(layout, '000-B_test_ap', title, test, prefix,
                    note=f'Final test of {tested} (tools/run_matrix.py: the '
                         f'best-validation-loss one), from {source}; R000 publishes no '
                         'number for it.')
        class_bars(layout, '000-B_test_ap', title, test, prefix)


def build_fcos(layout: Layout) -> None:
    name = layout.find(**FCOS)
    epochs = layout.epochs(name)
    layout.curves('000-C_losses', '000-C: FCOS training losses per iteration',
                  {'FCOS': iterations(layout, name)}, FCOS_LOSSES, xlabel='iteration', marker='')
    prefix = metric_prefix(list(epochs.values()))
    key = f'{prefix}/mAP'
    layout.curves('000-C_map', '000-C: mAP per epoch (VOC2007 test)', {'FCOS': epochs},
                  [(f'mAP ({prefix})', [(key, 'mAP')])])
    epoch_table(layout, '000-C_map_per_epoch', '000-C: mAP per epoch', epochs, {'mAP': key})
    epoch, record = best_epoch(epochs, key)
    if epoch is None:
        return
    title = f'000-C: per-class AP of the best epoch ({epoch})'
    class_table(layout, '000-C_best_ap', title, record, prefix,
                references={(name, 'AP'): f for name, f in R000_FCOS_AP.items()},
                map_reference=R000_FCOS_MAP,
                note=f'Run `{name}`, VOC2007 test, epoch {epoch} of {max(epochs)} (highest '
                     f'{key}). R000 '
                     'prints 18 classes (cow and diningtable missing: empty reference).')
    class_bars(layout, '000-C_best_ap', title, record, prefix, R000_FCOS_AP)
