"""Report 003: the animal image folder runs, in the slides' layout: per-epoch curves of
training loss, training accuracy and test accuracy per run (the slides' logs; "test"
= the 20 % split validated every epoch), and a summary of each run at the epochs of the
slides' log lines (reference figures) and at its last epoch. The two logs of the
scratch ResNet-18 with augmentation are two runs of one recipe (R1, R2: seeds 0 and 1),
each row read from its own run (``experiment.run``)."""
from .common import Compared, Layout, last_value
from .reference import R003_LOGS

REPORT = '003'  # the configs' experiment.report
RUNS = {'VGG19': dict(backbone='VGG-19', method='scratch'),
        'NIN': dict(backbone='NIN', method='scratch'),
        'GoogLeNet': dict(backbone='GoogLeNet', method='scratch, trunc-normal'),
        'GoogLeNet + aug': dict(backbone='GoogLeNet', method='scratch, trunc-normal, aug'),
        'GoogLeNet pretrained': dict(backbone='GoogLeNet',
                                     method='ImageNet-pretrained (torchvision)'),
        'ResNet-18 + aug (R1)': dict(backbone='ResNet-18', method='scratch, aug', run='R1'),
        'ResNet-18 + aug (R2)': dict(backbone='ResNet-18', method='scratch, aug', run='R2'),
        'ResNet-18 pretrained + aug': dict(backbone='ResNet-18',
                                           method='ImageNet-pretrained, aug')}
# label -> the run's experiment metadata (with report='003')
VALUES = {'train loss': 'train/epoch_loss', 'train accuracy (%)': 'train/epoch_accuracy',
          'test accuracy (%)': 'accuracy/top1'}
PANELS = [('training loss', [('train/epoch_loss', 'loss')]),
          ('training accuracy (%)', [('train/epoch_accuracy', 'train accuracy')]),
          ('test accuracy (%)', [('accuracy/top1', 'test accuracy')])]


def _float(value):
    return None if value is None else float(value)


def build(work_root: str, out: str = None) -> str:
    layout = Layout('003', 'Report 003: animal image folder classifiers', work_root, out)
    rows, runs = [], {}
    for label, experiment in RUNS.items():
        name = layout.find(report=REPORT, **experiment)
        epochs = runs[label] = layout.epochs(name)
        last_epoch, last_test = last_value(epochs, 'accuracy/top1')
        for line in R003_LOGS[label]:
            record = epochs.get(line.epoch, {})
            figures = dict(zip(VALUES, (line.loss, line.train_accuracy, line.test_accuracy)))
            rows.append(dict(
                {'run': label, 'epoch': line.epoch},
                **{column: Compared(_float(record.get(key)), figures[column])
                   for column, key in VALUES.items()},
                **{'last epoch': last_epoch, 'test accuracy at last epoch (%)': last_test}))
        if name:
            layout.curves(name, f'{label} ({name})', {label: epochs}, PANELS)
    layout.table('summary', 'Runs at the epochs of the slides\' log lines', rows,
                 ['run', 'epoch', *VALUES, 'last epoch', 'test accuracy at last epoch (%)'],
                 digits={'train loss': 4},
                 note='Epochs as printed in the logs, read as 1-indexed. Not reproduced: the '
                      'first, unattributed log (epochs 80-85).')
    layout.curves('all_runs', 'All runs', runs, PANELS)
    return layout.finish('configs/custom/vgg19_1xb32-adam-100e_folder.py')
