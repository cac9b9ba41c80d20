/**
 * {@code soundtag demo}: the whole system in one process on an embedded broker — simulated sensors,
 * the tagger, a live tail and the dashboard — and with {@code --learn} the learning loop beside it: a
 * simulated operator labels what the sensors heard, a sidecar trains and gates candidates, and the
 * tagger swaps in what the gate promotes.
 */
package io.soundtag.ops.demo;
