# Shared base of configs/custom/ (report 003): your image folders (global-shuffle 80/20
# split, 224x224 squash resize, ImageNet normalisation, batch 32) + Adam 1e-3 at a constant
# lr, validated every epoch + runtime. Configs set the model (head cal_acc=True for the
# per-epoch training accuracy), max_epochs and, for "aug" runs, the training pipeline.
_base_ = ['./datasets/folder_224.py', './schedules/folder_adam-const_100e.py',
          './cls_runtime.py']
