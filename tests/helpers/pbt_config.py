"""A tiny config of the report-001 CIFAR-100 ViT recipe for population-based-training tests."""
import os.path as osp

from .cifar_data import make_cifar100
from .configs import REPO, write_config

VIT6 = osp.join(REPO, 'configs/cifar100_vit/vit-6_p2-d384-l4_1xb384-deit-pbt-200e_cifar100.py')
# invented priors (not the report's), small batches for 16 training samples
TINY_SEARCH = dict(lr=dict(type='loguniform', low=1e-4, high=1e-2),
                   weight_decay=dict(type='loguniform', low=1e-5, high=1e-2),
                   min_crop_area=dict(type='uniform', low=0.2, high=0.8),
                   erase_prob=dict(type='uniform', low=0.0, high=0.6),
                   drop_path_rate=dict(type='uniform', low=0.0, high=0.2),
                   batch_size=dict(type='choice', values=[4, 8]))


def tiny_pbt_config(tmp_path, max_epochs=2):
    """ViT-6 PBT recipe with a 1-layer, 16-wide ViT (patch 8) on generated CIFAR-100 data."""
    make_cifar100(tmp_path / 'data', per_class_train=2, per_class_test=1)
    data = dict(data_root=str(tmp_path / 'data'), check_md5=False, val_fraction=0.5)
    loader = dict(num_workers=0, persistent_workers=False)
    return write_config(
        tmp_path / 'tiny_vit_pbt.py', VIT6,
        model=dict(backbone=dict(arch=dict(embed_dims=16, num_layers=1, num_heads=2,
                                           feedforward_channels=32), patch_size=8),
                   head=dict(in_channels=16)),
        train_dataloader=dict(loader, dataset=dict(data, indices=16)),
        val_dataloader=dict(loader, batch_size=8, dataset=dict(data, indices=8)),
        test_dataloader=dict(loader, batch_size=8, dataset=dict(data, indices=8)),
        train_cfg=dict(max_epochs=max_epochs, val_interval=1),
        default_hooks=dict(logger=dict(interval=1)),
        pbt_search=TINY_SEARCH)
