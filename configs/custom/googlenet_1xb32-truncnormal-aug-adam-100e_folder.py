# Report 003, run G2: run G1 (GoogLeNet, trunc-normal init, from scratch) with the training
# augmentation (RandomResizedCrop 224 -> flip -> colour jitter 0.4), 100 epochs.
_base_ = ['./googlenet_1xb32-truncnormal-adam-50e_folder.py']
train_dataloader = dict(dataset=dict(pipeline=_base_.aug_train_pipeline))
train_cfg = dict(max_epochs=100)
experiment = dict(report='003', backbone='GoogLeNet', method='scratch, trunc-normal, aug')
