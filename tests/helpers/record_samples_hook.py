"""Test-only hook: records which dataset indices each rank trained on."""
import json
import os.path as osp

from mmengine.dist import get_rank
from mmengine.hooks import Hook
from mmengine.registry import HOOKS


@HOOKS.register_module()
class RecordSamplesHook(Hook):

    def before_train(self, runner):
        self.seen = {}

    def after_train_iter(self, runner, batch_idx, data_batch=None, outputs=None):
        indices = [s.sample_idx for s in data_batch['data_samples']]
        self.seen.setdefault(runner.epoch, []).extend(int(i) for i in indices)

    def after_train(self, runner):
        with open(osp.join(runner.work_dir, f'samples_rank{get_rank()}.json'), 'w') as f:
            json.dump(self.seen, f)
