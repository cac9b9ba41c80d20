/**
 * Evaluation metrics computed from class scores and 0/1 targets: accuracy, mAP@3 (the DCASE 2018
 * task 2 / FSDKaggle2018 metric that Gao et al. report), macro mAP and micro AUPRC with
 * scikit-learn's average-precision definition, per-class AP and the confusion matrix, written as
 * JSON and CSV.
 */
package io.soundtag.trainer.evaluation;
