"""Report 004: ResNet-18 on 32x32 images, 20 and 100 classes, in R004's layout: the
8-row ablation on task 1 (shift x flip x upsample -> validation accuracy after epoch
40), the final validation accuracy of both tasks, and the Adam-vs-SGD curves
(accuracy and loss per epoch, training and validation)."""
from .common import Compared, Layout, last_value
from .reference import R004_ABLATION, R004_FINAL

REPORT = '004'  # the configs' experiment.report
AUGMENT = {(True, True): 'shift + flip', (True, False): 'shift', (False, True): 'flip',
           (False, False): 'none'}  # experiment.method of the ablation runs
TASK2 = dict(backbone='ResNet-18 @224, 100 classes')
OPTIMIZERS = {optimizer: dict(backbone='ResNet-18 @32, 20 superclasses, constant lr',
                              method=optimizer) for optimizer in ('Adam', 'SGD')}
PANELS = [('accuracy (%)', [('train/epoch_accuracy', 'train'), ('accuracy/top1', 'val')]),
          ('loss', [('train/epoch_loss', 'train'), ('val/loss', 'val')])]


def ablation_run(shift: bool, flip: bool, upsample: bool) -> dict:
    """The experiment metadata of one ablation row (task 1, 20 classes)."""
    return dict(backbone=f'ResNet-18 @{224 if upsample else 32}, 20 superclasses',
                method=AUGMENT[(shift, flip)])


def _mark(flag: bool) -> str:
    return '✓' if flag else '×'


def build(work_root: str, out: str = None) -> str:
    layout = Layout('004', 'Report 004: ResNet-18, 20 and 100 classes', work_root, out)
    rows, curves = [], {}
    for flags, figure in R004_ABLATION.items():  # the report's row order
        name = layout.find(report=REPORT, **ablation_run(*flags))
        epochs = layout.epochs(name)
        if name:
            curves[name] = epochs
        epoch, value = last_value(epochs, 'accuracy/top1')
        rows.append(dict(zip(('shift', 'flip', 'upsample'), map(_mark, flags)),
                         epochs=epoch, **{'val accuracy (%)': Compared(value, figure)}))
    layout.table('ablation', 'Task 1 (20 classes): ablation', rows,
                 ['shift', 'flip', 'upsample', 'epochs', 'val accuracy (%)'],
                 note='Validation accuracy after the last epoch (the report: epoch 40).')

    finals = {'task 1 (20 classes)': ablation_run(True, True, True), 'task 2 (100 classes)': TASK2}
    rows = []
    for task, experiment in finals.items():
        name = layout.find(report=REPORT, **experiment)
        epoch, value = last_value(layout.epochs(name), 'accuracy/top1')
        rows.append({'task': task, 'run': name, 'epochs': epoch,
                     'val accuracy (%)': Compared(value, R004_FINAL[task])})
    layout.table('final', 'Final results', rows, ['task', 'run', 'epochs', 'val accuracy (%)'])

    runs = {label: layout.epochs(layout.find(report=REPORT, **experiment))
            for label, experiment in OPTIMIZERS.items()}
    layout.curves('adam_vs_sgd', 'Adam vs SGD (same initial lr, no other techniques)', runs,
                  PANELS)
    task2 = layout.find(report=REPORT, **TASK2)
    for name, epochs in {**curves, **({task2: layout.epochs(task2)} if task2 else {})}.items():
        layout.curves(name, name, {name: epochs}, PANELS)
    return layout.finish('configs/cifar100/resnet18_224/'
                         'resnet18-up224_1xb128-adam-exp0.85-shift-flip-40e_cifar100-coarse.py')
