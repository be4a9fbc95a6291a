"""The R50-C4 Faster R-CNN of reports 000-B/001-B: the model base (layers, parameter count, a
CPU loss and prediction), and the four experiment configs (spec values after inheritance,
initialisations, frozen parts, schedules)."""
import glob

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import DefaultScope
from mmengine.structures import InstanceData

from custom_modules.apps.detection.convert_c4 import DEFAULT_OUT
from tests.helpers.configs import REPO
from tests.helpers.schedules import lr_per_epoch

MODEL_BASE = f'{REPO}/configs/_base_/models/faster-rcnn_r50-caffe-c4-roipool_voc.py'
FROZEN_000B = f'{REPO}/configs/voc/faster-rcnn_r50-caffe-c4-roipool_frozen_1xb4-adam-15e_voc07.py'
INIT_001B = (f'{REPO}/configs/voc/faster-rcnn_r50-caffe-c4-roipool_init-{{}}'
             '_1xb2-nesterov-warmcos-100e_voc07.py')
SCHEDULES = f'{REPO}/configs/_base_/schedules'


def build(model_cfg):
    from mmdet.registry import MODELS

    import custom_modules  # noqa: F401
    with DefaultScope.overwrite_default_scope('mmdet'):
        return MODELS.build(model_cfg)


@pytest.fixture(scope='module')
def base_model():
    return build(Config.fromfile(MODEL_BASE).model)


def conv(cin, cout, k, bias=False):
    return cin * cout * k * k + (cout if bias else 0)


def bottleneck(cin, mid, downsample):
    """1x1 -> 3x3 -> 1x1 (x4) convs without bias, a BN (2 params/channel) after each."""
    out = 4 * mid
    count = conv(cin, mid, 1) + conv(mid, mid, 3) + conv(mid, out, 1) + 2 * (mid + mid + out)
    return count + (conv(cin, out, 1) + 2 * out if downsample else 0)


def stage(cin, mid, blocks):
    return bottleneck(cin, mid, True) + (blocks - 1) * bottleneck(4 * mid, mid, False)


def test_parameter_count_from_layer_shapes(base_model):
    backbone = conv(3, 64, 7) + 2 * 64 + stage(64, 64, 3) + stage(256, 128, 4) \
        + stage(512, 256, 6)
    shared_head = stage(1024, 512, 3)
    anchors = 9
    rpn = conv(1024, 512, 3, True) + conv(512, 2 * anchors, 1, True) \
        + conv(512, 4 * anchors, 1, True)
    roi = (2048 * 21 + 21) + (2048 * 4 * 20 + 4 * 20)  # softmax over 20 + bg, class deltas
    parts = {'backbone': backbone, 'roi_head.shared_head': shared_head, 'rpn_head': rpn,
             'roi_head.bbox_head': roi}
    for prefix, expected in parts.items():
        assert sum(p.numel() for n, p in base_model.named_parameters()
                   if n.startswith(prefix + '.')) == expected, prefix
    assert sum(p.numel() for p in base_model.parameters()) == sum(parts.values())


def test_base_model_layers(base_model):
    layer = base_model.roi_head.bbox_roi_extractor.roi_layers[0]
    assert type(layer).__name__ == 'TorchvisionRoIPool'
    assert layer.output_size == (14, 14) and layer.spatial_scale == 1 / 16
    generator = base_model.rpn_head.prior_generator
    assert generator.num_base_anchors == [9] and generator.strides == [(16, 16)]
    sizes = sorted({round(float((b[2] - b[0]) * (b[3] - b[1])) ** 0.5)
                    for b in generator.base_anchors[0]})
    assert sizes == [128, 256, 512]  # sqrt(area) of the 3 sizes x 3 ratios
    assert base_model.rpn_head.rpn_conv.out_channels == 512
    assert base_model.rpn_head.cls_out_channels == 2  # softmax: object, background
    assert base_model.roi_head.bbox_head.fc_cls.out_features == 21
    assert base_model.backbone.layer3[0].conv1.stride == (2, 2)  # caffe style
    base_model.train()
    norms = [m for m in base_model.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    assert len(norms) == 53 and not any(m.training for m in norms)  # statistics frozen
    assert all(m.weight.requires_grad for m in norms)  # gamma/beta train
    assert all(p.requires_grad for p in base_model.parameters())  # nothing frozen


def test_base_config_settings():
    cfg = Config.fromfile(MODEL_BASE)
    train, test = cfg.model.train_cfg, cfg.model.test_cfg
    assert cfg.model.data_preprocessor.std == [255.0] * 3 and cfg.model.data_preprocessor.mean \
        == [0.0] * 3 and cfg.model.data_preprocessor.bgr_to_rgb
    assert (train.rpn.assigner.min_pos_iou, train.rpn.assigner.gt_max_assign_all,
            train.rpn.allowed_border, train.rpn.sampler.num) == (0.0, False, -1, 256)
    assert (train.rpn_proposal.nms_pre, train.rpn_proposal.max_per_img,
            train.rpn_proposal.min_bbox_size) == (12000, 600, 16)
    assert (train.rcnn.sampler.num, train.rcnn.sampler.pos_fraction) == (128, 0.5)
    assert (test.rpn.nms_pre, test.rpn.max_per_img, test.rpn.min_bbox_size) == (3000, 300, 16)
    assert (test.rcnn.score_thr, test.rcnn.max_per_img) == (0.02, 0)
    for loss in (cfg.model.rpn_head.loss_bbox, cfg.model.roi_head.bbox_head.loss_bbox):
        assert loss == dict(type='SmoothL1Loss', beta=1.0, loss_weight=1.0)


def test_loss_and_prediction_on_cpu():
    cfg = Config.fromfile(MODEL_BASE)
    cfg.model.train_cfg.rpn_proposal.max_per_img = 6  # a few RoIs through stage 4
    cfg.model.train_cfg.rcnn.sampler.num = 4
    cfg.model.test_cfg.rpn.max_per_img = 3
    torch.manual_seed(0)
    model = build(cfg.model)
    model.init_weights()
    from mmdet.structures import DetDataSample
    samples = []
    for box in ([4.0, 6.0, 40.0, 50.0], [10.0, 2.0, 60.0, 30.0]):
        sample = DetDataSample(metainfo=dict(img_shape=(64, 64), pad_shape=(64, 64),
                                             ori_shape=(64, 64), scale_factor=(1.0, 1.0)))
        sample.gt_instances = InstanceData(bboxes=torch.tensor([box]), labels=torch.tensor([7]))
        samples.append(sample)
    images = [torch.randint(0, 256, (3, 64, 64), dtype=torch.uint8) for _ in samples]
    model.train()
    data = model.data_preprocessor(dict(inputs=images, data_samples=samples), True)
    assert float(data['inputs'].max()) <= 1.0  # RGB / 255
    losses = model.loss(data['inputs'], data['data_samples'])
    parsed, _ = model.parse_losses(losses)
    assert {'loss_rpn_cls', 'loss_rpn_bbox', 'loss_cls', 'loss_bbox'} <= set(losses)
    assert torch.isfinite(parsed)
    parsed.backward()
    assert model.roi_head.shared_head.layer4[0].conv1.weight.grad.abs().sum() > 0
    assert model.rpn_head.rpn_conv.weight.grad.abs().sum() > 0
    model.eval()
    with torch.no_grad():
        data = model.data_preprocessor(dict(inputs=images, data_samples=samples), False)
        results = model.predict(data['inputs'], data['data_samples'])
    boxes = results[0].pred_instances
    assert len(boxes) > 0 and boxes.labels.max() < 20 and boxes.scores.min() > 0.02


def test_000b_frozen_config():
    cfg = Config.fromfile(FROZEN_000B)
    assert cfg.load_from == DEFAULT_OUT
    preprocessor = cfg.model.data_preprocessor
    assert (preprocessor.mean, preprocessor.std, preprocessor.bgr_to_rgb) == (
        [103.53, 116.28, 123.675], [1.0, 1.0, 1.0], False)  # the D1 checkpoint's input
    assert cfg.model.rpn_head.feat_channels == 1024
    assert (cfg.train_dataloader.batch_size, cfg.train_cfg.max_epochs,
            cfg.train_cfg.val_interval) == (4, 15, 5)
    assert cfg.optim_wrapper.optimizer.type == 'Adam' and cfg.optim_wrapper.optimizer.lr == 1e-4
    assert lr_per_epoch(cfg) == lr_per_epoch(f'{SCHEDULES}/det_adam-warmcos_15e.py')
    hooks = [h['type'] for h in cfg.custom_hooks]
    assert {'DetValLossHook', 'EpochTrainStatsHook', 'ValTestCfgHook'} <= set(hooks)
    assert (cfg.default_hooks.checkpoint.interval, cfg.default_hooks.checkpoint.save_last) == \
        (5, True)
    model = build(cfg.model)
    model.train()
    trainable = {n.split('.')[0] + '.' + n.split('.')[1] for n, p in model.named_parameters()
                 if p.requires_grad}
    assert not any(n.startswith('backbone.') for n in trainable)
    assert {'roi_head.shared_head', 'rpn_head.rpn_conv', 'roi_head.bbox_head'} <= trainable
    assert model.roi_head.shared_head.layer4[0].bn1.weight.requires_grad


@pytest.mark.parametrize('config,data', [
    (FROZEN_000B, 'voc07_letterbox600-jitter'),
    *[(INIT_001B.format(init), 'voc07trainval_letterbox600-jitter')
      for init in ('random', 'imagenet', 'coco-mask-rcnn')]])
def test_c4_experiment_hooks(config, data):
    """Checkpoints every 5th epoch and the last (all kept); the validation loss on the data
    base's loader; periodic validation with the training proposal numbers, score > 0.05,
    the 100 best detections per image."""
    cfg = Config.fromfile(config)
    checkpoint = cfg.default_hooks.checkpoint
    assert (checkpoint.type, checkpoint.interval, checkpoint.max_keep_ckpts, checkpoint.save_last,
            checkpoint.save_best) == ('AtomicCheckpointHook', 5, -1, True, None)
    hooks = {h['type']: h for h in cfg.custom_hooks}
    loss_loader = Config.fromfile(f'{REPO}/configs/_base_/datasets/{data}.py').val_loss_dataloader
    assert hooks['DetValLossHook'] == dict(type='DetValLossHook', interval=1, save_best=True,
                                           dataloader=loss_loader)
    assert hooks['ValTestCfgHook'] == dict(type='ValTestCfgHook', rpn='rpn_proposal',
                                           rcnn=dict(score_thr=0.05, max_per_img=100))


@pytest.mark.parametrize('init', ['random', 'imagenet', 'coco-mask-rcnn'])
def test_001b_shared_settings(init):
    cfg = Config.fromfile(INIT_001B.format(init))
    assert cfg.model.backbone.frozen_stages == -1 and cfg.model.backbone.norm_eval
    assert cfg.model.rpn_head.feat_channels == 512
    assert cfg.model.data_preprocessor.std == [255.0] * 3
    assert (cfg.train_dataloader.batch_size, cfg.train_cfg.max_epochs) == (2, 100)
    optimizer = cfg.optim_wrapper.optimizer
    assert (optimizer.type, optimizer.nesterov, optimizer.weight_decay) == ('SGD', True, 0)
    assert lr_per_epoch(cfg) == lr_per_epoch(f'{SCHEDULES}/det_sgd-nesterov-warmcos_100e.py')
    assert 'ValTestCfgHook' in [h['type'] for h in cfg.custom_hooks]


def test_001b_pretrained_weights_go_into_backbone_and_stage_4():
    imagenet = Config.fromfile(INIT_001B.format('imagenet')).model
    assert imagenet.backbone.init_cfg == imagenet.roi_head.shared_head.init_cfg == dict(
        type='Pretrained', checkpoint='torchvision://resnet50')
    coco = Config.fromfile(INIT_001B.format('coco-mask-rcnn')).model
    for init_cfg in (coco.backbone.init_cfg, coco.roi_head.shared_head.init_cfg):
        assert init_cfg.prefix == 'backbone.'
        assert init_cfg.checkpoint.endswith('mask_rcnn_r50_fpn_1x_coco_20200205-d4b0c5d6.pth')


def test_001b_prefix_loading_fills_stages_1_to_4(tmp_path):
    """A Mask R-CNN-layout checkpoint (``backbone.layer1..4``, a neck) loads into the C4
    backbone and, through the same prefix, its stage 4 into the shared head."""
    from mmdet.models.backbones import ResNet
    torch.manual_seed(0)
    resnet = ResNet(depth=50).state_dict()
    resnet = {k: torch.randn_like(v) if v.is_floating_point() else v for k, v in resnet.items()}
    weights = {f'backbone.{k}': v for k, v in resnet.items()}
    weights['neck.lateral_convs.0.conv.weight'] = torch.zeros(2, 2, 1, 1)
    path = tmp_path / 'mask_rcnn.pth'
    torch.save(dict(state_dict=weights), path)
    cfg = Config.fromfile(INIT_001B.format('coco-mask-rcnn')).model
    cfg.backbone.init_cfg.checkpoint = cfg.roi_head.shared_head.init_cfg.checkpoint = str(path)
    model = build(cfg)
    model.init_weights()
    assert torch.equal(model.backbone.conv1.weight, resnet['conv1.weight'])
    assert torch.equal(model.backbone.layer3[5].conv3.weight, resnet['layer3.5.conv3.weight'])
    assert torch.equal(model.roi_head.shared_head.layer4[2].bn3.weight,
                       resnet['layer4.2.bn3.weight'])


def test_001b_random_init_statistics():
    torch.manual_seed(0)
    model = build(Config.fromfile(INIT_001B.format('random')).model)
    model.init_weights()
    convs = [m for name, m in model.named_modules() if isinstance(m, torch.nn.Conv2d)]
    assert len(convs) == 53 + 3  # ResNet-50 (stages 1-4 with the 4 projections) + RPN
    weights = torch.cat([m.weight.flatten() for m in convs])
    assert float(weights.mean()) == pytest.approx(0.0, abs=1e-4)
    assert float(weights.std()) == pytest.approx(0.02, rel=0.01)
    assert all(float(m.bias.abs().max()) == 0 for m in convs if m.bias is not None)
    gammas = torch.cat([m.weight for m in model.modules()
                        if isinstance(m, torch.nn.BatchNorm2d)])
    assert float(gammas.mean()) == pytest.approx(1.0, abs=2e-3)
    assert float(gammas.std()) == pytest.approx(0.02, rel=0.1)
    head = model.roi_head.bbox_head
    assert float(head.fc_cls.weight.std()) == pytest.approx(0.01, rel=0.05)
    assert float(head.fc_reg.weight.std()) == pytest.approx(0.001, rel=0.05)


def test_configs_named_in_the_spec_exist():
    names = sorted(p.rsplit('/', 1)[1] for p in glob.glob(
        f'{REPO}/configs/voc/faster-rcnn_r50-caffe-c4-roipool_*.py'))
    assert names == [
        'faster-rcnn_r50-caffe-c4-roipool_frozen_1xb4-adam-15e_voc07.py',
        'faster-rcnn_r50-caffe-c4-roipool_init-coco-mask-rcnn_1xb2-nesterov-warmcos-100e_voc07.py',
        'faster-rcnn_r50-caffe-c4-roipool_init-imagenet_1xb2-nesterov-warmcos-100e_voc07.py',
        'faster-rcnn_r50-caffe-c4-roipool_init-random_1xb2-nesterov-warmcos-100e_voc07.py']
