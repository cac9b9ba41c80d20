/**
 * Whether this JVM runs the SIMD paths: {@link io.soundtag.core.simd.Simd#available()} is the one
 * switch the level meter, the window levels and the spectra consult before loading a class that
 * uses the JDK's incubating Vector API ({@code jdk.incubator.vector}). Each such path gives the
 * same values as its scalar twin, so the switch changes only the CPU a result costs.
 */
package io.soundtag.core.simd;
