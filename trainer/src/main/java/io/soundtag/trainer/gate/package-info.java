/**
 * The gate between training and serving, as pure logic: {@link io.soundtag.trainer.gate.GateSplit}
 * keeps the gate clips out of training, {@link io.soundtag.trainer.gate.Gate} decides from the
 * candidate's and the served model's {@link io.soundtag.trainer.gate.GateFigures} by {@link
 * io.soundtag.trainer.gate.GateRules}, and {@link io.soundtag.trainer.gate.ShadowComparison} says
 * how the candidate would tag recent live audio beside the served model.
 */
package io.soundtag.trainer.gate;
