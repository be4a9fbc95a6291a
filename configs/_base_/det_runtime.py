# Runtime shared by this repo's detection configs built from mmdet's parts:
# mmdet's defaults plus this repo's pieces (det_runtime_parts.py: its modules,
# TensorBoard logging, best-checkpoint keeping by VOC mAP, atomic checkpoints,
# per-epoch reseeding (exact resume) and a class-count check; `early_stopping`
# for configs to add to custom_hooks).
_base_ = ['mmdet::_base_/default_runtime.py', './det_runtime_parts.py']

default_hooks = _base_.det_default_hooks
custom_hooks = _base_.det_custom_hooks
vis_backends = _base_.det_vis_backends
visualizer = _base_.det_visualizer
