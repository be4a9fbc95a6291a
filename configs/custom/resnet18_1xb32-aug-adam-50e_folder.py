# Report 003, runs R1/R2 (two runs of one recipe): ResNet-18 (depth not given on the slides)
# from scratch (mmpretrain's Kaiming init) with the training augmentation, Adam 1e-3
# constant, 50 epochs. R2 = this recipe with seed 1: resnet18_1xb32-aug-adam-50e-seed1_folder.py.
_base_ = ['mmpretrain::_base_/models/resnet18.py', '../_base_/folder_classification.py']
model = dict(head=dict(num_classes={{_base_.num_classes}}, cal_acc=True, topk=(1, )))
train_dataloader = dict(dataset=dict(pipeline=_base_.aug_train_pipeline))
train_cfg = dict(max_epochs=50)
experiment = dict(report='003', backbone='ResNet-18', method='scratch, aug', run='R1')
