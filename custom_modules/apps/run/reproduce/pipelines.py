"""Each report's pipeline: its steps, in dependency order, with the configs of the folder
READMEs (``configs/*/README.md``) and the data and checkpoints they need."""
import glob
import os.path as osp
from typing import Dict, List

from ..config import REPO_ROOT
from .steps import Need, Step

# --- data and checkpoints -------------------------------------------------------------
CIFAR100 = Need('CIFAR-100 (python pickles)', 'data/cifar100/cifar-100-python',
                'python tools/data/download_cifar.py --variant cifar100')
CUB = Need('CUB-200-2011', 'data/CUB_200_2011', 'python tools/data/download_cub.py')
VOC07 = Need('VOC2007 trainval + test', 'data/VOCdevkit/VOC2007',
             'python tools/data/download_voc.py')
VOC12 = Need('VOC2012 trainval', 'data/VOCdevkit/VOC2012', 'python tools/data/download_voc.py')
FOLDER = Need('the animal image folders of report 003 (data/custom/<class>/*.jpg; not '
              'downloadable)', 'data/custom/train.txt',
              'python tools/data/folder_to_ann.py data/custom')
C4_COCO = 'faster_rcnn_r50_caffe_c4_1x_coco_20220316_150152-3f885b85.pth'
C4_VOC = Need('COCO Faster R-CNN C4 converted to VOC',
              'checkpoints/faster-rcnn_r50-caffe-c4_coco-to-voc.pth',
              'wget -P checkpoints https://download.openmmlab.com/mmdetection/v2.0/faster_rcnn/'
              'faster_rcnn_r50_caffe_c4_1x_coco/' + C4_COCO + ' && python '
              'tools/convert_coco_c4_to_voc.py checkpoints/' + C4_COCO)
SEG = 'https://download.openmmlab.com/mmsegmentation/v0.5/'
OCR_CKPT = 'checkpoints/ocrnet_hr48_512x1024_160k_cityscapes_20200602_191037-dfbf1b0c.pth'
PSP_CKPT = 'checkpoints/pspnet_r50-d8_512x1024_80k_cityscapes_20200606_112131-2376f12b.pth'
OCRNET = Need('OCRNet HR48 Cityscapes checkpoint', OCR_CKPT,
              f'wget -P checkpoints {SEG}ocrnet/ocrnet_hr48_512x1024_160k_cityscapes/'
              + OCR_CKPT.split('/')[1])
PSPNET = Need('PSPNet R50 Cityscapes checkpoint', PSP_CKPT,
              f'wget -P checkpoints {SEG}pspnet/pspnet_r50-d8_512x1024_80k_cityscapes/'
              + PSP_CKPT.split('/')[1])
CAMVID = Need('CamVid test frames and labels (the 32-class release, e.g. Kaggle\'s CamVid/; '
              'not downloadable by a tool)', 'data/camvid/test',
              'copy CamVid/test and CamVid/test_labels to data/camvid/')

OCR_CFG = 'configs/cityscapes/ocrnet_hr48_4xb2-160k_cityscapes-512x1024_tta-ms4-native_camvid.py'
PSP_CFG = 'configs/cityscapes/pspnet_r50-d8_4xb2-80k_cityscapes-512x1024_native_camvid.py'
FRCNN_000B = 'configs/voc/faster-rcnn_r50-caffe-c4-roipool_frozen_1xb4-adam-15e_voc07.py'
FCOS_000C = 'configs/voc/fcos_r50_fpn_gn-head-center-centeronreg-giou_1xb16-30e_voc0712.py'
FRCNN_002B = 'configs/voc/faster-rcnn_r50_fpn_4xb8-rep3-step3-7e_voc0712.py'
YOLO_002C = 'configs/voc/yolov3_d53_4xb5-ms-320-608-rep3-30e_voc0712.py'
CUB_PRETRAINED = 'configs/cub/resnet18_1xb32-pretrained_cub200.py'
CUB_SCRATCH = 'configs/cub/resnet18_1xb32-scratch_cub200.py'
LR_GRID = 'lr=0.005,0.01,0.02'


def _glob(pattern: str) -> List[str]:
    """Config files matching ``pattern`` (relative to the repository root), sorted."""
    return sorted(osp.relpath(p, REPO_ROOT) for p in glob.glob(osp.join(REPO_ROOT, pattern)))


def _train(group: str, configs: List[str], needs: List[Need], **args) -> List[Step]:
    return [Step(f'{group}/{c.split("/")[-1][:-3]}', 'train', [c], needs=list(needs), args=args)
            for c in configs]


def _table(report: str, steps: List[Step]) -> Step:
    return Step(f'{report}/tables', 'table', [], deps=[s.id for s in steps],
                note=f'tools/report.py --report {report}: every table and figure, README.md')


def report000() -> List[Step]:
    cifar = [c for c in _glob('configs/cifar100/*_cifar100.py') if 'mmpretrain' not in c]
    steps = _train('000-A', cifar, [CIFAR100])
    frcnn = Step('000-B/faster-rcnn-c4', 'train', [FRCNN_000B], needs=[VOC07, C4_VOC])
    fcos = Step('000-C/fcos', 'train', [FCOS_000C], needs=[VOC07, VOC12])
    steps += [frcnn, fcos,
              Step('000-B/proposals', 'figure', [FRCNN_000B], deps=[frcnn.id],
                   args=dict(action='proposals', checkpoints=[(frcnn.id, None)],
                             voc_test_images=4, num_proposals=300),
                   note='all 300 test-mode proposals on the first 4 VOC2007-test images'),
              Step('000-B/detections', 'figure', [FRCNN_000B], deps=[frcnn.id],
                   args=dict(action='compare', checkpoints=[(frcnn.id, None)],
                             score_thr=0.5, nms_iou=0.3),
                   note='detections on 3 non-VOC photographs, score >= 0.5, NMS 0.3'),
              Step('000-C/detections', 'figure', [FCOS_000C], deps=[fcos.id],
                   args=dict(action='compare', checkpoints=[(fcos.id, None)],
                             score_thr=0.3, nms_iou=0.4, max_boxes=300),
                   note='detections on non-VOC photographs, score >= 0.3, NMS 0.4')]
    return steps + [_table('000', steps)]


def report001() -> List[Step]:
    vit = _glob('configs/cifar100_vit/*-deit-pbt-200e_cifar100.py')
    steps = [Step(f'001-C/pbt {c.split("/")[-1][:-3]}', 'pbt', [c], needs=[CIFAR100],
                  note='PBT population (tools/pbt_search.py); --smoke: one run of the config')
             for c in vit]
    steps += _train('001-C', vit, [CIFAR100])  # the fixed-hyperparameter runs
    steps += _train('001-B', _glob(
        'configs/voc/faster-rcnn_r50-caffe-c4-roipool_init-*_voc07.py'), [VOC07])
    seg_needs = [CAMVID, OCRNET, PSPNET]
    models = [(OCR_CFG, OCR_CKPT), (PSP_CFG, PSP_CKPT)]
    steps += [
        Step('001-A/camvid-miou', 'test', [OCR_CFG, PSP_CFG], needs=seg_needs,
             args=dict(action='camvid', models=models, out='camvid'),
             note='tools/eval_camvid.py: mIoU on the CamVid test frames'),
        Step('001-A/videos', 'video', [OCR_CFG], needs=seg_needs[:2],
             args=dict(action='video', models=models[:1], layout='colour', out='videos'),
             note='tools/seg_video.py --per-sequence --layout colour --fps 5 --tta'),
        Step('001-A/fig3', 'video', [OCR_CFG], needs=seg_needs[:2],
             args=dict(action='video', models=models[:1], layout='pair', figure='fig3.png',
                       out='fig3'),
             note='Fig. 3: original | OCRNet, 4 evenly spaced frames'),
        Step('001-A/fig4', 'video', [PSP_CFG, OCR_CFG], needs=seg_needs,
             args=dict(action='video', models=[models[1], models[0]], layout='pair',
                       figure='fig4.png', out='fig4'),
             note='Fig. 4: PSPNet | OCRNet')]
    return steps + [_table('001', steps)]


def report002() -> List[Step]:
    grid = Step('002-A/lr-grid', 'grid', [CUB_PRETRAINED], needs=[CUB],
                args=dict(grid=[LR_GRID]), note='Fig. 1.1: the lr grid; its best lr is the '
                'lr of the two final runs')
    steps = [grid] + [Step(f'002-A/{c.split("/")[-1][:-3]}', 'train', [c], deps=[grid.id],
                           needs=[CUB],
                           args=dict(lr_from=grid.id, grid_dir=grid.work_dir('.')))
                      for c in (CUB_PRETRAINED, CUB_SCRATCH)]
    frcnn = Step('002-B/faster-rcnn-fpn', 'train', [FRCNN_002B], needs=[VOC07, VOC12])
    yolo = Step('002-C/yolov3', 'train', [YOLO_002C], needs=[VOC07, VOC12])
    steps += [frcnn, yolo,
              Step('002-B/proposals', 'figure', [FRCNN_002B], deps=[frcnn.id],
                   args=dict(action='proposals', checkpoints=[(frcnn.id, None)],
                             voc_test_images=4, num_proposals=100, score_thr=0.3),
                   note='first 100 proposals and detections >= 0.3, first 4 VOC07-test '
                        'images by ID'),
              Step('002/compare', 'figure', [FRCNN_002B, YOLO_002C], deps=[frcnn.id, yolo.id],
                   args=dict(action='compare', checkpoints=[(frcnn.id, 4), (yolo.id, 6)],
                             names=['Faster R-CNN', 'YOLOv3'], score_thr=0.3),
                   note='Faster R-CNN epoch 4 vs YOLOv3 epoch 6 on non-VOC photographs')]
    return steps + [_table('002', steps)]


def report003() -> List[Step]:
    configs = [c for c in _glob('configs/custom/*_folder.py') if 'resnet50' not in c]
    steps = _train('003', configs, [FOLDER])
    return steps + [_table('003', steps)]


def report004() -> List[Step]:
    steps = _train('004', _glob('configs/cifar100/resnet18_224/*.py'), [CIFAR100])
    return steps + [_table('004', steps)]


PIPELINES = {'000': report000, '001': report001, '002': report002, '003': report003,
             '004': report004}


def pipeline(report: str) -> List[Step]:
    """The steps of ``report`` in dependency order."""
    return PIPELINES[report]()


def all_pipelines() -> Dict[str, List[Step]]:
    return {report: make() for report, make in PIPELINES.items()}
