"""tools/test.py --show-dir draws every test image of a segmentation config (mmseg's hook)."""
from tests.helpers.configs import run_script, write_config
from tests.helpers.seg_data import TINY_MODEL, TINY_TEST_PIPELINE, make_cityscapes, tiny_seg_model


def test_show_dir_writes_one_drawing_per_test_image(tmp_path):
    root = make_cityscapes(tmp_path / 'cityscapes', per_split=3)
    _, checkpoint = tiny_seg_model(tmp_path / 'models', 'tiny')
    dataset = dict(type='CityscapesDataset', data_root=str(root), pipeline=TINY_TEST_PIPELINE,
                   data_prefix=dict(img_path='leftImg8bit/val', seg_map_path='gtFine/val'))
    config = write_config(
        tmp_path / 'tiny-fcn_cityscapes.py', 'mmseg::_base_/default_runtime.py',
        custom_imports=dict(imports=['custom_modules'], allow_failed_imports=False),
        model=TINY_MODEL,
        test_dataloader=dict(batch_size=2, num_workers=0, dataset=dataset,
                             sampler=dict(type='DefaultSampler', shuffle=False)),
        test_evaluator=dict(type='IoUMetric', iou_metrics=['mIoU']),
        test_cfg=dict(type='TestLoop'),
        default_hooks=dict(visualization=dict(type='SegVisualizationHook')))
    work = tmp_path / 'work'
    result = run_script('tools/test.py', config, checkpoint, '--work-dir', str(work),
                      '--show-dir', 'show')
    assert result.returncode == 0, result.stderr[-2000:]
    assert 'mIoU' in result.stdout + result.stderr
    drawn = sorted(p.name for p in (work / 'show').rglob('*.png'))
    assert len(drawn) == 3, drawn
    assert all(name.startswith('test_aachen_') for name in drawn)
