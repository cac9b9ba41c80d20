/**
 * What the dashboard knows about the fleet right now, kept in memory from the live topics: each
 * sensor's recent windows, levels and liveness, the sound events, dead letters by reason and the
 * model releases. {@link io.soundtag.dashboard.live.LiveBoard} is pure state (records in, snapshots
 * out); {@link io.soundtag.dashboard.live.LiveFeed} is the Kafka consumer that feeds it and never
 * dies on a bad record.
 */
package io.soundtag.dashboard.live;
