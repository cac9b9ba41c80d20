package io.soundtag.core.release;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.schemas.ModelRelease;

/**
 * A release whose envelope has been checked, with its bundle read and verified.
 *
 * @param release the record
 * @param id the id it is served under, {@code deployment:release}
 * @param bundle its bundle
 */
public record OpenedRelease(ModelRelease release, ModelId id, ModelBundle bundle) {}
