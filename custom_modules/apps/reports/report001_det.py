"""Report 001-B: Faster R-CNN R50-C4 on VOC2007 from three backbone initialisations, in
R001's layout: Fig. 6 (per-epoch training loss, test loss and test mAP every 5 epochs
with the original's placeholder 0 at epoch 0; red random, orange COCO Mask R-CNN, blue
ImageNet) and a table of the final values. R001 publishes no number (Fig. 6 is an
image); its text ranks the runs (random worst, ImageNet best), shown as reference."""
from .common import Layout, last_value
from .det_common import best_epoch, metric_prefix, with_placeholder

RUNS = {'random': 'random init', 'COCO Mask R-CNN': 'COCO Mask R-CNN init',
        'ImageNet': 'ImageNet init'}  # label -> experiment.method of report '001-B'
COLORS = {'random': 'tab:red', 'COCO Mask R-CNN': 'tab:orange', 'ImageNet': 'tab:blue'}
R001_RANK = {'random': '3 (worst)', 'COCO Mask R-CNN': '2', 'ImageNet': '1 (best)'}
RANK_SOURCE = ('R001 §3.3 text ("随机初始化…最差，最好的是使用 ImageNet 预训练"); '
               'COCO 2nd by elimination')


def build_init_runs(layout: Layout) -> None:
    runs = {label: layout.epochs(layout.find(report='001-B', method=method))
            for label, method in RUNS.items()}
    prefix = metric_prefix([r for epochs in runs.values() for r in epochs.values()])
    key = f'{prefix}/mAP'
    layout.curves('001-B_fig6', 'Fig. 6: loss and mAP of the three initialisations',
                  {label: with_placeholder(epochs, key) for label, epochs in runs.items()},
                  [('training loss (epoch mean)', [('train/epoch_loss', 'train')]),
                   ('test loss (VOC2007 test)', [('val/loss', 'test')]),
                   ('test mAP (epoch 0: placeholder 0)', [(key, 'mAP')])], colors=COLORS)
    rows, finals = [], {}
    for label, epochs in runs.items():
        last, final_map = last_value(epochs, key)
        best, record = best_epoch(epochs, key)
        finals[label] = final_map
        rows.append({'init': label, 'last epoch': max(epochs) if epochs else None,
                     'train loss': last_value(epochs, 'train/epoch_loss')[1],
                     'test loss': last_value(epochs, 'val/loss')[1],
                     'last mAP epoch': last, 'test mAP': final_map,
                     'best mAP': record.get(key), 'best mAP epoch': best})
    ranked = [label for _, label in sorted(
        ((value, label) for label, value in finals.items() if value is not None), reverse=True)]
    for row in rows:
        row['rank (last mAP)'] = ranked.index(row['init']) + 1 if row['init'] in ranked else ''
        row['R001 rank (reference figure)'] = R001_RANK[row['init']]
    columns = ['init', 'last epoch', 'train loss', 'test loss', 'last mAP epoch', 'test mAP',
               'best mAP', 'best mAP epoch', 'rank (last mAP)', 'R001 rank (reference figure)']
    layout.table('001-B_final', '001-B: final values of the three initialisations', rows,
                 columns, digits={'train loss': 4, 'test loss': 4, 'test mAP': 3, 'best mAP': 3},
                 note=f'Last logged epoch; test loss = training losses on VOC2007 test '
                      f'(no_grad); mAP = `{key}` on VOC2007 test every 5 epochs. R001 gives no '
                      f'number (Fig. 6 is an image); rank source: {RANK_SOURCE}.')
