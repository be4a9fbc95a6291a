# Shared base of configs/custom/: your image folders + 30-epoch SGD + runtime.
_base_ = ['./datasets/folder_224.py', './schedules/folder_sgd_30e.py', './cls_runtime.py']
