package io.soundtag.trainer.augment;

/**
 * Every augmentation of one training view, each off when null (or α = 0), applied in a fixed
 * order as a pure function of the view's seed:
 * <ol>
 *   <li>waveform: {@link TimeShift}, {@link Gain}, {@link BandLimit}, {@link Reverb} (the
 *       window, and the mixing partner with a seed of its own);
 *   <li>mixup of the waveforms ({@link MixupDomain#WAVEFORM}), before any representation;
 *   <li>features of each representation, standardised (by the caller);
 *   <li>mixup of the features ({@link MixupDomain#FEATURES}) or {@link FMix};
 *   <li>{@link FreqMixStyle} towards the partner's features;
 *   <li>SpecAugment {@link TimeMask} and {@link FrequencyMask}.
 * </ol>
 * The partner window, λ and every draw come from {@link AugmentationSeed#child} seeds of the
 * view's seed ({@link #PARTNER}, {@link #MIX}, …), so the teacher pass, the student pass and
 * every representation regenerate the same view from the seed alone — consistent teaching across
 * every augmentation ("CED: Consistent ensemble distillation for audio tagging", §2).
 *
 * @param timeShift waveform shift, or null
 * @param gain waveform gain, or null
 * @param bandLimit random low-pass, or null
 * @param reverb synthetic room impulse response, or null
 * @param mixupAlpha Beta(α, α) of mixup; 0 turns it off
 * @param mixupDomain whether mixup mixes waveforms or features
 * @param fmix FMix of the features, or null (not together with mixup)
 * @param freqMixStyle Freq-MixStyle, or null
 * @param timeMask SpecAugment time masks, or null
 * @param frequencyMask SpecAugment frequency masks, or null
 */
public record ViewAugmentation(
    TimeShift timeShift, Gain gain, BandLimit bandLimit, Reverb reverb, double mixupAlpha, MixupDomain mixupDomain,
    FMix fmix, FreqMixStyle freqMixStyle, TimeMask timeMask, FrequencyMask frequencyMask) {

  /** Where mixup mixes. */
  public enum MixupDomain {
    /** Mix the augmented waveforms; every representation is computed from the mixture. */
    WAVEFORM,
    /** Mix each representation's standardised features (Gao et al.'s choice). */
    FEATURES
  }

  /** Child-seed steps of a view's seed, one per random decision. */
  public static final int PARTNER = 0;
  public static final int MIX = 1;
  public static final int SHIFT = 2;
  public static final int GAIN = 3;
  public static final int BAND_LIMIT = 4;
  public static final int REVERB = 5;
  public static final int PARTNER_WAVEFORM = 6;
  public static final int FMIX = 7;
  public static final int MIX_STYLE = 8;
  public static final int TIME_MASK = 9;
  public static final int FREQUENCY_MASK = 10;

  public ViewAugmentation {
    if (!(mixupAlpha >= 0) || Double.isInfinite(mixupAlpha)) {
      throw new IllegalArgumentException("mixup alpha must be >= 0 (0 turns it off), got " + mixupAlpha);
    }
    if (mixupDomain == null) {
      throw new IllegalArgumentException("give a mixup domain (waveform or features)");
    }
    if (mixupAlpha > 0 && fmix != null) {
      throw new IllegalArgumentException("mixup and FMix both mix a view with a partner; turn one of them off");
    }
  }

  /** Feature-domain mixup only; α = 0 is no augmentation at all. */
  public static ViewAugmentation mixup(double alpha) {
    return new ViewAugmentation(null, null, null, null, alpha, MixupDomain.FEATURES, null, null, null, null);
  }

  /** Whether any step changes the waveform, so features must be computed per view. */
  public boolean changesWaveform() {
    return timeShift != null || gain != null || bandLimit != null || reverb != null
        || (mixupAlpha > 0 && mixupDomain == MixupDomain.WAVEFORM);
  }

  /** Whether a view is mixed with (or styled after) a partner window. */
  public boolean usesPartner() {
    return mixupAlpha > 0 || fmix != null || freqMixStyle != null;
  }

  /** Step 1 on one waveform: shift, gain, band limit, reverb, each with its own child seed. */
  public float[] waveform(float[] samples, long seed) {
    float[] x = samples;
    if (timeShift != null) {
      x = timeShift.apply(x, AugmentationSeed.child(seed, SHIFT));
    }
    if (gain != null) {
      x = gain.apply(x, AugmentationSeed.child(seed, GAIN));
    }
    if (bandLimit != null) {
      x = bandLimit.apply(x, AugmentationSeed.child(seed, BAND_LIMIT));
    }
    if (reverb != null) {
      x = reverb.apply(x, AugmentationSeed.child(seed, REVERB));
    }
    return x;
  }
}
