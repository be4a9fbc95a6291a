# Report 003, run R2: run R1 (resnet18_1xb32-aug-adam-50e_folder.py: ResNet-18 from
# scratch with the training augmentation, Adam 1e-3 constant, 50 epochs) again with
# another seed; the slides show two logs of this recipe.
_base_ = ['./resnet18_1xb32-aug-adam-50e_folder.py']
randomness = dict(seed=1)
experiment = dict(run='R2')
