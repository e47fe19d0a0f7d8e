"""Rasa's LogisticRegressionClassifier, saved as plain NumPy arrays instead of skops.

Why: Rasa 3.6 loads this classifier with `skops.io`, whose import calls
`sklearn.utils.all_estimators()` and so imports every scikit-learn module: about 10 s of
the Rasa server's start-up on our machines. The fitted model is just a weight matrix, an
intercept and the intent names, so we store those (no pickle, nothing executable) and
rebuild the same scikit-learn estimator from them. Training and prediction are Rasa's own.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Dict

import numpy as np
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

logger = logging.getLogger(__name__)

WEIGHTS_FILE = "weights.npz"
CLASSES_FILE = "classes.json"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class FastLogisticRegressionClassifier(LogisticRegressionClassifier):
    """Same classifier as LogisticRegressionClassifier; fast, pickle-free persistence, and the
    regularisation strength `C` configurable (Rasa fixes it at scikit-learn's default of 1)."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0}

    def __init__(self, config: Dict[str, Any], name: str, model_storage: ModelStorage, resource: Resource) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.C = float(self.config["C"])

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            np.savez(model_dir / WEIGHTS_FILE, coef=self.clf.coef_, intercept=self.clf.intercept_)
            (model_dir / CLASSES_FILE).write_text(
                json.dumps([str(c) for c in self.clf.classes_], ensure_ascii=False), encoding="utf-8"
            )

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> FastLogisticRegressionClassifier:
        component = cls(config, execution_context.node_name, model_storage, resource)
        try:
            with model_storage.read_from(resource) as model_dir:
                weights = np.load(model_dir / WEIGHTS_FILE, allow_pickle=False)
                classes = json.loads((model_dir / CLASSES_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            logger.debug("No trained intent classifier in the model; using an untrained one.")
            return component
        component.clf.coef_ = weights["coef"]
        component.clf.intercept_ = weights["intercept"]
        component.clf.classes_ = np.array(classes)
        component.clf.n_features_in_ = weights["coef"].shape[1]
        return component
