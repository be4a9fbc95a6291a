"""Report 002-B (mmdetection Faster R-CNN R50-FPN) and 002-C (YOLOv3 DarkNet-53) on
VOC07+12, in R002's layout: the per-class table of Faster R-CNN's best epoch (class, gts,
dets, recall, ap, 11-point VOC on VOC2007 test) beside R002's table; both models' best
epoch and mAP beside the reference figures; the mAP curves (Figs 2.1, 2.11, evaluated
every epoch / every 2 epochs) and the training total loss per logged iteration
(Figs 2.2, 2.12)."""
from typing import Optional

from .common import Compared, Layout
from .det_common import (
    ELEVEN,
    best_epoch,
    class_bars,
    class_table,
    epoch_table,
    iterations,
)
from .reference import R002_FRCNN_BEST, R002_FRCNN_TABLE, R002_YOLO_BEST

# the runs' experiment metadata (configs/voc/faster-rcnn_r50_fpn_4xb8-rep3-step3-7e_voc0712.py,
# configs/voc/yolov3_d53_4xb5-ms-320-608-rep3-30e_voc0712.py)
FRCNN = dict(report='002-B', method='Faster R-CNN (mmdetection)')
YOLO = dict(report='002-C', method='YOLOv3')
MODELS = {'Faster R-CNN (002-B)': (FRCNN, R002_FRCNN_BEST, ('2.1', '2.2')),
          'YOLOv3 (002-C)': (YOLO, R002_YOLO_BEST, ('2.11', '2.12'))}


def _model(layout: Layout, label: str, name: Optional[str], figures: tuple) -> dict:
    """Curves and per-epoch table of one model; returns its best-epoch record."""
    epochs = layout.epochs(name)
    prefix = ELEVEN  # R002's runs evaluate with 11-point VOC AP
    key = f'{prefix}/mAP'
    stem = label.split('(')[1].rstrip(')')
    layout.curves(f'fig{figures[0]}_{stem}_map', f'Fig. {figures[0]}: {label} mAP curve',
                  {label: epochs}, [(f'mAP ({prefix}, VOC2007 test)', [(key, 'mAP')])])
    layout.curves(f'fig{figures[1]}_{stem}_loss', f'Fig. {figures[1]}: {label} loss curve',
                  {label: iterations(layout, name)}, [('training total loss', [('loss', 'loss')])],
                  xlabel='iteration', marker='')
    epoch_table(layout, f'{stem}_map_per_epoch', f'{label}: mAP per epoch', epochs, {'mAP': key})
    epoch, record = best_epoch(epochs, key)
    return dict(record, epoch=epoch, prefix=prefix, last=max(epochs) if epochs else None,
                name=name)


def build_mmdet_runs(layout: Layout) -> None:
    rows, bests = [], {}
    for label, (experiment, reference, figures) in MODELS.items():
        name = layout.find(**experiment)
        best = bests[label] = _model(layout, label, name, figures)
        rows.append({'model': label, 'run': name if best['last'] else '',
                     'epochs run': best['last'],
                     'best epoch': Compared(best['epoch'], reference['epoch']),
                     'mAP': Compared(best.get(f'{best["prefix"]}/mAP'), reference['mAP'])})
    layout.table('002_best', 'Best epoch by mAP (VOC2007 test, 11-point)', rows,
                 ['model', 'run', 'epochs run', 'best epoch', 'mAP'],
                 digits={'best epoch': 0, 'mAP': 3})
    best = bests['Faster R-CNN (002-B)']
    if best['epoch'] is None:
        return
    title = f'002-B: Faster R-CNN per-class table, best epoch ({best["epoch"]})'
    class_table(layout, '002-B_best_classes', title, best, best['prefix'],
                references=R002_FRCNN_TABLE, map_reference=R002_FRCNN_BEST['mAP'],
                note=f'Run `{best["name"]}`, VOC2007 test, epoch {best["epoch"]} of {best["last"]} '
                     '(highest mAP); '
                     f'R002\'s table is its best epoch (4).')
    class_bars(layout, '002-B_best_classes', title, best, best['prefix'],
               {name: f for (name, column), f in R002_FRCNN_TABLE.items() if column == 'AP'})
