"""Report 000-A: CIFAR-100, {VGG16, ResNet-18, MobileNetV2} x {baseline, Mixup, Cutout,
CutMix}, in R000's layout: Top1 / Top5 error tables (test set, best-validation
checkpoint), the Mixup and CutMix α ablations (top-1 error) and per-run curves (mean
training loss per epoch, validation loss, accuracy, top-1 and top-5 error).
The detection parts 000-B and 000-C: :mod:`.report000_det`."""
from . import report000_det
from .common import Compared, Layout
from .reference import R000_CUTMIX_ALPHA, R000_MIXUP_ALPHA, R000_TOP1_ERROR, R000_TOP5_ERROR

BACKBONES = {'VGG16': 'vgg16-bn', 'ResNet18': 'resnet18', 'MobileNetV2': 'mobilenet-v2'}
METHOD_SUFFIX = {'Baseline': '', 'Mixup(0.4)': '-mixup-a0.4', 'Cutout': '-cutout-k8',
                 'Cutmix(0.4)': '-cutmix-a0.4'}
ALPHAS = ('0.2', '0.4', '0.6')
CURVE_PANELS = [('loss', [('train/epoch_loss', 'training (epoch mean)'),
                          ('val/loss', 'validation')]),
                ('validation accuracy (%)', [('accuracy/top1', 'top-1')]),
                ('validation top-1 error (%)', [('error/top1', 'top-1 error')]),
                ('validation top-5 error (%)', [('error/top5', 'top-5 error')])]


def run_name(backbone: str, suffix: str = '') -> str:
    """Work dir (= config) name, e.g. ``resnet18_1xb128-mixup-a0.4_cifar100``."""
    return f'{BACKBONES[backbone]}_1xb128{suffix}_cifar100'


def _test_error(layout: Layout, name: str, k: str):
    metrics = layout.test_metrics(name)
    if not metrics or f'accuracy/{k}' not in metrics:
        return None
    return 100.0 - metrics[f'accuracy/{k}']


def _grid(layout: Layout, stem: str, title: str, suffixes: dict, references: dict, k: str):
    """Rows = backbones, columns = ``suffixes`` (column -> run name suffix)."""
    rows = [dict({'Method': backbone}, **{
        column: Compared(_test_error(layout, run_name(backbone, suffix), k),
                         references.get((backbone, column)))
        for column, suffix in suffixes.items()}) for backbone in BACKBONES]
    layout.table(stem, title, rows, ['Method', *suffixes],
                 note='Test set, checkpoint with the best validation top-1; errors in %.')


def build(work_root: str, out: str = None) -> str:
    layout = Layout('000', 'Report 000: CIFAR-100 backbones x augmentations (000-A), '
                    'Faster R-CNN and FCOS on VOC (000-B, 000-C)', work_root, out)
    _grid(layout, 'top1_error', 'Top1 error', METHOD_SUFFIX, R000_TOP1_ERROR, 'top1')
    _grid(layout, 'top5_error', 'Top5 error', METHOD_SUFFIX, R000_TOP5_ERROR, 'top5')
    for method, references in (('Mixup', R000_MIXUP_ALPHA), ('Cutmix', R000_CUTMIX_ALPHA)):
        suffixes = {f'{method} (α = {a})': f'-{method.lower()}-a{a}' for a in ALPHAS}
        refs = {(b, f'{method} (α = {a})'): references[(b, a)] for b in BACKBONES for a in ALPHAS}
        _grid(layout, f'{method.lower()}_alpha', f'{method} α, Top1 error', suffixes, refs, 'top1')
    suffixes = ['', '-cutout-k8'] + [f'-{m}-a{a}' for m in ('mixup', 'cutmix') for a in ALPHAS]
    for backbone in BACKBONES:
        for suffix in suffixes:
            name = run_name(backbone, suffix)
            layout.curves(name, name, {name: layout.epochs(name)}, CURVE_PANELS)
    report000_det.build_frcnn(layout)
    report000_det.build_fcos(layout)
    return layout.finish(run_name('ResNet18'))
