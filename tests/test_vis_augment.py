"""tools/vis_augment.py draws raw / Mixup / Cutout / CutMix panels of the same images."""
from PIL import Image

from tests.helpers.cifar_data import make_cifar100
from tests.helpers.configs import REPO, run_script, write_config


def test_grid_png_has_one_column_per_augmentation(tmp_path):
    make_cifar100(tmp_path / 'data', per_class_train=5)
    base = f'{REPO}/configs/cifar100/resnet18_1xb128_cifar100.py'
    config = write_config(tmp_path / 'cfg.py', base,
                          val_dataloader=dict(dataset=dict(data_root=str(tmp_path / 'data'),
                                                           check_md5=False)))
    out = tmp_path / 'grid.png'
    result = run_script('tools/vis_augment.py', '--config', config, '--num', '3', '--out', str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    width, height = Image.open(out).size
    assert abs(width / height - 4 / 3) < 0.1  # 4 columns x 3 rows of square panels
    pixels = Image.open(out).convert('L')
    assert len(set(pixels.getdata())) > 50  # real content, not a blank figure
