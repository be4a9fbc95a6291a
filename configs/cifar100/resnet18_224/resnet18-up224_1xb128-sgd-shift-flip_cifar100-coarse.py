# The 20-superclass (coarse label) task with the SGD recipe.
_base_ = ['./resnet18-up224_1xb128-sgd-shift-flip_cifar100.py']
num_classes = 20
model = dict(head=dict(num_classes=num_classes))
data_preprocessor = dict(num_classes=num_classes)
train_dataloader = dict(dataset=dict(label_type='coarse'))
val_dataloader = dict(dataset=dict(label_type='coarse'))
test_dataloader = dict(dataset=dict(label_type='coarse'))
experiment = dict(backbone='ResNet-18 @224, 20 coarse classes')
