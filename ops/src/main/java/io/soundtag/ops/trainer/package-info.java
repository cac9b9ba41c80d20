/** {@code soundtag trainer run}: the sidecar trainer from the command line, with its {@code /metrics}. */
package io.soundtag.ops.trainer;
