/**
 * Simulated sensors as an ingest source: {@link io.soundtag.ingest.simulate.SimulatedFleet}
 * renders the {@link io.soundtag.core.synth.SensorScene} of each sensor of a {@link
 * io.soundtag.ingest.simulate.FleetConfig} on a few threads, one chunk per sensor per tick, on one
 * capture clock shared by all sensors, and exposes the scenes so that a test can ask what each
 * sensor heard; {@link io.soundtag.ingest.simulate.TruthWriter} writes the ground truth as JSON
 * lines on the same clock as the chunks. A sensor's audio depends only on its id, the seed and the
 * scene.
 */
package io.soundtag.ingest.simulate;
