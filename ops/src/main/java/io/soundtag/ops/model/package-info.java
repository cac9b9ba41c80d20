/**
 * {@code soundtag model} ({@link io.soundtag.ops.model.ModelCommand}): model releases on {@code
 * audio.models}, keyed {@code deployment:release} — publish, list, roll back, status and a signing
 * key pair. Before it writes anything, {@code model publish} checks with {@link
 * io.soundtag.ops.model.FollowerCheck} (pure logic over the taggers' statuses) who follows the
 * deployment and whether they would serve the bundle. {@link io.soundtag.ops.model.DefaultModel}
 * finds the bundle a command serves: the file given or one of the two models shipped inside
 * soundtag.
 */
package io.soundtag.ops.model;
