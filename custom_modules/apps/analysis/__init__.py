"""Looking at configs and data behind ``tools/analysis_tools/*.py``: OpenMMLab's own
analysis scripts run on this repo's configs (:mod:`.openmmlab`) and the check that
every file a config's datasets list can be read (:mod:`.verify_dataset`)."""
