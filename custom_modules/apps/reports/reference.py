"""Reference figures: the numbers the seed reports publish, transcribed with their source.

These are what the reports (``R000`` … ``R004``) state, not measurements of this
repository; the report layouts print them beside this repository's values, marked
as reference figures, with the difference. Each :class:`Figure` keeps the value as
printed and the factor to this repository's unit (accuracies and errors in %).

Not transcribed (absent from the report texts or not legible there): every curve
(R000 TensorBoard figure, R000 FCOS loss and mAP curves, R001 Figs 6, 10–11, R002
Figs 1.2–1.3, 2.1–2.2, 2.11–2.12, R004 Adam-vs-SGD figure: images only), R002's
random-init accuracy (described, no number), the first, unattributed training log
of R003 (epochs 80–85, model not named), any number of R000's Faster R-CNN (000-B:
its loss and mAP figures are missing images) and of R001 §3.3 (001-B: Fig. 6 only).
"""
from typing import Dict, NamedTuple, Sequence, Tuple


class Figure(NamedTuple):
    """A published number: ``value`` as printed, ``scale`` to this repo's unit, ``source``."""
    value: float
    source: str
    scale: float = 1.0

    @property
    def converted(self) -> float:
        """The value in this repository's unit (e.g. a fraction 0.811 -> 81.1 %)."""
        return self.value * self.scale


def _grid(source: str, columns: Sequence[str],
          rows: Dict[str, Sequence[float]]) -> Dict[Tuple[str, str], Figure]:
    """``{(row, column): Figure}`` of a table printed in %."""
    return {(row, column): Figure(value, source)
            for row, values in rows.items() for column, value in zip(columns, values)}


# R000 测试结果: test-set errors (%) of the best-validation checkpoints
R000_METHODS = ('Baseline', 'Mixup(0.4)', 'Cutout', 'Cutmix(0.4)')
R000_TOP1_ERROR = _grid('R000 测试结果, table "Top1 error"', R000_METHODS, {
    'VGG16': (29.32, 27.65, 29.49, 26.70),
    'ResNet18': (24.39, 22.73, 24.72, 22.12),
    'MobileNetV2': (33.67, 32.47, 34.57, 36.07)})
R000_TOP5_ERROR = _grid('R000 测试结果, table "Top5 error"', R000_METHODS, {
    'VGG16': (11.09, 9.36, 11.25, 8.46),
    'ResNet18': (7.47, 6.91, 7.23, 5.89),
    'MobileNetV2': (10.11, 9.64, 10.12, 11.43)})
R000_ALPHAS = ('0.2', '0.4', '0.6')
R000_MIXUP_ALPHA = _grid('R000 消融实验 1, table "Mixup α, Top1 error"', R000_ALPHAS, {
    'VGG16': (27.66, 27.65, 28.00),
    'ResNet18': (23.86, 22.73, 23.76),
    'MobileNetV2': (33.09, 32.47, 33.82)})
R000_CUTMIX_ALPHA = _grid('R000 消融实验 2, table "Cutmix α, Top1 error"', R000_ALPHAS, {
    'VGG16': (26.82, 26.70, 26.57),
    'ResNet18': (22.60, 22.12, 22.19),
    'MobileNetV2': (35.86, 36.07, 36.34)})

# R001 §4.2.2 表 1: the ViT layouts and parameter counts (rows as printed: 编码维度, 隐藏层维度,
# 注意力头数, 堆叠层数, 参数量); §4.2.1: ResNeXt-29's count
R001_TABLE1 = {
    **_grid('R001 §4.2.2 表 1', ('ViT-13', 'ViT-6'), {
        'embedding dim': (192, 384), 'MLP hidden dim': (768, 768), 'heads': (3, 6),
        'blocks': (11, 4), 'parameters': (4915684, 4878820)}),
    ('parameters', 'ResNeXt-29'): Figure(4868004, 'R001 §4.2.1')}


class SearchRange(NamedTuple):
    """A published sampling range: the interval (low, high), or the set ``values``."""
    label: str  # the hyperparameter as printed
    values: Tuple[float, ...]
    source: str
    interval: bool = True

    @property
    def printed(self) -> str:
        inner = ', '.join(f'{v:g}' for v in self.values)
        return f'({inner})' if self.interval else f'{{{inner}}}'


# R001 §4.3 表 2: the PBT search space, by the key of this repository's ``pbt_search``
_R001_TABLE2 = 'R001 §4.3 表 2'
R001_TABLE2 = {
    'min_crop_area': SearchRange('随机裁剪比例阈值', (0.1, 0.9), _R001_TABLE2),
    'erase_prob': SearchRange('随机擦除概率', (0.0, 0.5), _R001_TABLE2),
    'drop_path_rate': SearchRange('随机深度丢弃概率', (0.0, 0.3), _R001_TABLE2),
    'lr': SearchRange('学习率', (1e-6, 1e-3), _R001_TABLE2),
    'weight_decay': SearchRange('权值衰减', (1e-5, 1e-2), _R001_TABLE2),
    'batch_size': SearchRange('批量大小', (32, 64, 128, 256, 384), _R001_TABLE2, interval=False)}

# R001 §4.4 表 3: top-1 / top-5 accuracy (%) of each model's best PBT member
R001_TABLE3 = _grid('R001 §4.4 表 3', ('val top-1', 'val top-5', 'test top-1', 'test top-5'), {
    'ResNeXt-29': (63.18, 86.30, 63.10, 85.78),
    'ViT-13': (42.44, 71.30, 42.93, 71.18),
    'ViT-6': (39.52, 66.90, 38.79, 65.21)})

# R002 第 4 节 图 1.1 (the last tuning log): final validation accuracy (fraction) per fc lr
R002_LR_GRID = {lr: Figure(value, f'R002 图 1.1 log, lr={lr}', 100.0)
                for lr, value in ((0.005, 0.7164), (0.01, 0.7245), (0.02, 0.7370))}


class LogLine(NamedTuple):
    """One line of an R003 training log (accuracies as fractions)."""
    epoch: int
    loss: Figure
    train_accuracy: Figure
    test_accuracy: Figure


def _log_line(source: str, epoch: int, loss: float, train: float, test: float) -> LogLine:
    source = f'{source}, line "epoch {epoch}"'
    return LogLine(epoch, Figure(loss, source), Figure(train, source, 100.0),
                   Figure(test, source, 100.0))


# R003 slides: the last line of each log excerpt, by the run's label (report003.RUNS)
# (epochs as printed; docs/reproduction.md reads them as 1-indexed)
R003_LOGS = {
    'VGG19': [
        _log_line('R003 Vgg19 初始结构 log', 99, 0.0958, 0.974, 0.811)],
    'NIN': [
        _log_line('R003 NIN log', 99, 0.0012, 1.000, 0.820)],
    'GoogLeNet': [
        _log_line('R003 googLeNet log (trunc_normal + BN)', 43, 0.0251, 0.992, 0.900)],
    'GoogLeNet + aug': [
        _log_line('R003 googLeNet + augmentation, 1st log', 49, 0.4758, 0.837, 0.899),
        _log_line('R003 googLeNet + augmentation, 2nd log', 99, 0.3679, 0.875, 0.920)],
    'GoogLeNet pretrained': [
        _log_line('R003 改用预训练模型 log', 30, 0.0316, 0.990, 0.941)],
    'ResNet-18 + aug (R1)': [
        _log_line('R003 ResNet, 1st log', 49, 0.4652, 0.837, 0.908)],
    'ResNet-18 + aug (R2)': [
        _log_line('R003 ResNet, 2nd log', 50, 0.4617, 0.840, 0.904)],
    'ResNet-18 pretrained + aug': [
        _log_line('R003 ResNet, 3rd log', 49, 0.3343, 0.885, 0.949)],
}

# R004 对比试验: task 1 (20 classes) validation accuracy (%) after 40 epochs, by
# (shift, flip, upsample), in the report's row order; 最终结果: both tasks
R004_ABLATION = {flags: Figure(value, 'R004 对比试验 table') for flags, value in (
    ((False, False, False), 66.9375), ((False, False, True), 78.8673),
    ((False, True, False), 67.5752), ((False, True, True), 80.6685),
    ((True, False, False), 66.8562), ((True, False, True), 84.7254),
    ((True, True, False), 68.3861), ((True, True, True), 86.9836))}
R004_FINAL = {'task 1 (20 classes)': Figure(86.9836, 'R004 最终结果'),
              'task 2 (100 classes)': Figure(82.0467, 'R004 最终结果')}

# Detection APs are fractions (0..1) as the reports print them; the layouts keep them so.
# R000 FCOS "使用最优的模型测试mAP": per-class AP of the best checkpoint on VOC2007 test, as
# printed (18 classes: cow and diningtable are missing from the printout) and the mAP
# over all 20 classes
_R000_FCOS = 'R000 FCOS, 使用最优的模型测试mAP (printout "ap for <class>")'
R000_FCOS_AP = {name: Figure(value, _R000_FCOS) for name, value in (
    ('aeroplane', 0.8441736898990535), ('bicycle', 0.8548483158340914),
    ('bird', 0.8466045802312603), ('boat', 0.6972135403981374),
    ('bottle', 0.7103694686916038), ('bus', 0.8501735262043741),
    ('car', 0.9002597213383428), ('cat', 0.9244805562996358),
    ('chair', 0.5594776249373683), ('dog', 0.893042530759613),
    ('horse', 0.8515712361851174), ('motorbike', 0.8139772241540983),
    ('person', 0.8582499979503074), ('pottedplant', 0.4894317869119832),
    ('sheep', 0.8385244665159609), ('sofa', 0.7091702680052134),
    ('train', 0.871275366642313), ('tvmonitor', 0.8219499004097204))}
R000_FCOS_MAP = Figure(0.792, 'R000 FCOS, 使用最优的模型测试mAP (printout "mAP====>")')

# R002 §3.2 table: Faster R-CNN R50-FPN, the best test result (11-point VOC, VOC2007
# test): class -> (gts, dets, recall, ap); its epoch (4) is from O-D's training log
_R002_FRCNN = 'R002 §3.2 table (best test result)'
R002_FRCNN_TABLE = {(name, column): Figure(value, _R002_FRCNN)
                    for name, values in {
                        'aeroplane': (285, 877, 0.800, 0.721), 'bicycle': (337, 1125, 0.938, 0.834),
                        'bird': (459, 1159, 0.874, 0.784), 'boat': (263, 1482, 0.795, 0.602),
                        'bottle': (469, 1340, 0.642, 0.527), 'bus': (213, 938, 0.930, 0.833),
                        'car': (1201, 3230, 0.883, 0.796), 'cat': (358, 1147, 0.969, 0.884),
                        'chair': (756, 4585, 0.860, 0.632), 'cow': (244, 921, 0.934, 0.830),
                        'diningtable': (206, 2173, 0.942, 0.690), 'dog': (489, 1527, 0.969, 0.862),
                        'horse': (348, 1083, 0.937, 0.853), 'motorbike': (325, 1347, 0.932, 0.830),
                        'person': (4528, 12702, 0.878, 0.776),
                        'pottedplant': (480, 2250, 0.771, 0.525), 'sheep': (242, 733, 0.876, 0.750),
                        'sofa': (239, 1419, 0.954, 0.770), 'train': (282, 1295, 0.950, 0.823),
                        'tvmonitor': (308, 1169, 0.873, 0.750)}.items()
                    for column, value in zip(('gts', 'dets', 'recall', 'AP'), values)}
R002_FRCNN_BEST = {'mAP': Figure(0.754, f'{_R002_FRCNN}, row "mAP"'),
                   'epoch': Figure(4, 'O-D t2/ Faster R-CNN training log (best epoch)')}
# R002 §3.6 shows the YOLOv3 mAP curve (Fig. 2.11) as an image only; the best
# epoch and its mAP are O's (the checkpoint O used for the comparison, O-D's training log)
R002_YOLO_BEST = {'mAP': Figure(0.564, 'O-D t2/ YOLOv3 training log (best mAP)'),
                  'epoch': Figure(6, 'O-D t2/ YOLOv3 training log (best epoch)')}
