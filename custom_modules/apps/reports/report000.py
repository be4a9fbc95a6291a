"""Report 000-A: CIFAR-100, {VGG16, ResNet-18, MobileNetV2} x {baseline, Mixup, Cutout,
CutMix}, in R000's layout: Top1 / Top5 error tables (test set, best-validation
checkpoint), the Mixup and CutMix α ablations (top-1 error) and per-run curves (mean
training loss per epoch, validation loss, accuracy, top-1 and top-5 error).
The detection parts 000-B and 000-C: :mod:`.report000_det`."""
from . import report000_det
from .common import Compared, Layout
from .reference import R000_CUTMIX_ALPHA, R000_MIXUP_ALPHA, R000_TOP1_ERROR, R000_TOP5_ERROR

REPORT = '000-A'  # the configs' experiment.report
BACKBONES = {'VGG16': 'VGG16-BN', 'ResNet18': 'ResNet-18', 'MobileNetV2': 'MobileNetV2'}
METHODS = {'Baseline': 'baseline', 'Mixup(0.4)': 'Mixup α=0.4', 'Cutout': 'Cutout k=8',
           'Cutmix(0.4)': 'CutMix α=0.4'}  # column -> experiment.method
ALPHAS = ('0.2', '0.4', '0.6')
CURVE_PANELS = [('loss', [('train/epoch_loss', 'training (epoch mean)'),
                          ('val/loss', 'validation')]),
                ('validation accuracy (%)', [('accuracy/top1', 'top-1')]),
                ('validation top-1 error (%)', [('error/top1', 'top-1 error')]),
                ('validation top-5 error (%)', [('error/top5', 'top-5 error')])]


def find_run(layout: Layout, backbone: str, method: str):
    """The run of ``backbone`` (a row label) and experiment method ``method``, or None."""
    return layout.find(report=REPORT, backbone=BACKBONES[backbone], method=method)


def _test_error(layout: Layout, name: str, k: str):
    metrics = layout.test_metrics(name)
    if not metrics or f'accuracy/{k}' not in metrics:
        return None
    return 100.0 - metrics[f'accuracy/{k}']


def _grid(layout: Layout, stem: str, title: str, methods: dict, references: dict, k: str):
    """Rows = backbones, columns = ``methods`` (column -> experiment method)."""
    rows = [dict({'Method': backbone}, **{
        column: Compared(_test_error(layout, find_run(layout, backbone, method), k),
                         references.get((backbone, column)))
        for column, method in methods.items()}) for backbone in BACKBONES]
    layout.table(stem, title, rows, ['Method', *methods],
                 note='Test set, checkpoint with the best validation top-1; errors in %.')


def build(work_root: str, out: str = None) -> str:
    layout = Layout('000', 'Report 000: CIFAR-100 backbones x augmentations (000-A), '
                    'Faster R-CNN and FCOS on VOC (000-B, 000-C)', work_root, out)
    _grid(layout, 'top1_error', 'Top1 error', METHODS, R000_TOP1_ERROR, 'top1')
    _grid(layout, 'top5_error', 'Top5 error', METHODS, R000_TOP5_ERROR, 'top5')
    for method, references in (('Mixup', R000_MIXUP_ALPHA), ('Cutmix', R000_CUTMIX_ALPHA)):
        methods = {f'{method} (α = {a})': f'{method.replace("mix", "Mix")} α={a}'
                   for a in ALPHAS}
        refs = {(b, f'{method} (α = {a})'): references[(b, a)] for b in BACKBONES for a in ALPHAS}
        _grid(layout, f'{method.lower()}_alpha', f'{method} α, Top1 error', methods, refs, 'top1')
    methods = ['baseline', 'Cutout k=8'] + [f'{m} α={a}' for m in ('Mixup', 'CutMix')
                                            for a in ALPHAS]
    for backbone in BACKBONES:
        for method in methods:
            name = find_run(layout, backbone, method)
            if name:
                layout.curves(name, name, {name: layout.epochs(name)}, CURVE_PANELS)
    report000_det.build_frcnn(layout)
    report000_det.build_fcos(layout)
    return layout.finish('configs/cifar100/resnet18_1xb128_cifar100.py')
