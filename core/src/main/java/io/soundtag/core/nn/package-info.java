/**
 * The branch networks, in DJL: {@link io.soundtag.core.nn.Networks} builds a {@link
 * io.soundtag.core.nn.BranchNetwork} (a convolutional trunk and a head that pools globally, so any
 * number of channels, bins and frames is accepted) from a {@link io.soundtag.core.nn.NetworkSpec}
 * stored in the bundle, for one of the {@link io.soundtag.core.nn.Architecture} families: small
 * CNN, VGG, ResNet, MobileNetV2 and CP-Mobile. {@link io.soundtag.core.nn.Complexity} is a
 * network's size and cost (trainable parameters and multiply-accumulates per second of input), and
 * {@link io.soundtag.core.nn.BatchNormFolding} folds batch norms into their convolutions for
 * inference; {@link io.soundtag.core.nn.Int8Network} fake-quantises a folded network to int8
 * weights (per output channel) and activations (per tensor) for quantisation-aware fine-tuning,
 * and rebuilds it from a bundle's int8 layers for serving.
 */
package io.soundtag.core.nn;
