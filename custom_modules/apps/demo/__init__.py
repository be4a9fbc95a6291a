"""The two demos: :mod:`.classification` (``make demo``) and :mod:`.detection`
(``make demo-det``), each data, training, test and report in one process."""
