"""Report 002-A: CUB-200-2011, ImageNet-pretrained vs random ResNet-18, in R002's layout:
Fig. 1.1 (the lr grid: final validation accuracy per fc lr and the best), Fig. 1.2
(training and validation accuracy per epoch) and Fig. 1.3 (training and validation
loss per epoch), pretrained orange, random blue; plus a table of the final values.

The grid runs are ``tools/grid_search.py configs/cub/resnet18_1xb32-pretrained_cub200.py
--grid lr=0.005,0.01,0.02`` (experiment method ``ImageNet-pretrained, lr=<value>``).
"Final" = the last epoch's validation, the model R002 reports. The detection parts 002-B and 002-C:
:mod:`.report002_det`."""
from . import report002_det
from .common import Compared, Layout, last_value
from .reference import R002_LR_GRID

REPORT = '002-A'  # the configs' experiment.report (and experiment.backbone 'ResNet-18')
PRETRAINED = 'ImageNet-pretrained'  # experiment.method; grid points: '<method>, lr=<value>'
RANDOM = 'random init'
LRS = (0.005, 0.01, 0.02)
COLORS = {'pretrained': 'tab:orange', 'random': 'tab:blue'}
FINAL = {'train accuracy (%)': 'train/epoch_accuracy', 'val accuracy (%)': 'accuracy/top1',
         'train loss': 'train/epoch_loss', 'val loss': 'val/loss'}


def _find(layout: Layout, method: str):
    return layout.find(report=REPORT, backbone='ResNet-18', method=method)


def build(work_root: str, out: str = None) -> str:
    layout = Layout('002', 'Report 002: CUB-200-2011, pretrained vs random ResNet-18 (002-A), '
                    'Faster R-CNN and YOLOv3 on VOC07+12 (002-B, 002-C)', work_root, out)
    rows, finals = [], {}
    for lr in LRS:
        finals[lr] = last_value(layout.epochs(_find(layout, f'{PRETRAINED}, lr={lr}')),
                                'accuracy/top1')
    ranked = sorted((value, lr) for lr, (_, value) in finals.items() if value is not None)
    for lr, (epoch, value) in finals.items():
        rows.append({'fc lr': f'{lr:g}', 'backbone lr': f'{lr / 10:g}', 'epochs': epoch or '',
                     'final val accuracy (%)': Compared(value, R002_LR_GRID[lr]),
                     'best': 'best' if ranked and ranked[-1][1] == lr else ''})
    layout.table('lr_grid', 'Fig. 1.1: lr grid (pretrained, 20 epochs)', rows,
                 ['fc lr', 'backbone lr', 'epochs', 'final val accuracy (%)', 'best'])

    runs = {'pretrained': layout.epochs(_find(layout, PRETRAINED)),
            'random': layout.epochs(_find(layout, RANDOM))}
    reference = {'pretrained': R002_LR_GRID[0.02]}  # its lr is the grid's best, 0.02
    rows = []
    for label, epochs in runs.items():
        row = {'model': label, 'epoch': last_value(epochs, 'accuracy/top1')[0] or ''}
        for column, key in FINAL.items():
            row[column] = last_value(epochs, key)[1]
        row['val accuracy (%)'] = Compared(row['val accuracy (%)'], reference.get(label))
        rows.append(row)
    layout.table('final', 'Final epoch: pretrained vs random', rows,
                 ['model', 'epoch', *FINAL], digits={'train loss': 4, 'val loss': 4},
                 note='R002 gives no number for the random-init model (curves only).')
    layout.curves('fig1.2_accuracy', 'Fig. 1.2: accuracy', runs, [
        ('training accuracy (%)', [('train/epoch_accuracy', 'train')]),
        ('validation accuracy (%)', [('accuracy/top1', 'val')])], colors=COLORS)
    layout.curves('fig1.3_loss', 'Fig. 1.3: loss', runs, [
        ('training loss', [('train/epoch_loss', 'train')]),
        ('validation loss', [('val/loss', 'val')])], colors=COLORS)
    report002_det.build_mmdet_runs(layout)
    return layout.finish('configs/cub/resnet18_1xb32-pretrained_cub200.py')
