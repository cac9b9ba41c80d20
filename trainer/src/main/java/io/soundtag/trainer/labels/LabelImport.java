package io.soundtag.trainer.labels;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavReader;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.SplitHint;
import io.soundtag.trainer.dataset.BadRow;
import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.dataset.ClipCatalog;
import io.soundtag.trainer.dataset.ClipRef;
import io.soundtag.trainer.dataset.ClipValidator;
import io.soundtag.trainer.dataset.DatasetFormat;
import io.soundtag.trainer.dataset.DatasetReaders;
import io.soundtag.trainer.dataset.HashSplit;
import io.soundtag.trainer.dataset.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Puts a dataset in any layout the trainer reads into {@code audio.labels}, one clip per audio
 * file. A clip is built and checked whole (decodable audio, size within the topic's limit) before
 * it is sent, so each is on the topic entirely or not at all; what cannot be used is skipped and
 * reported with the reason. Importing the same dataset again writes the same clip ids: the
 * dataset on the topic does not change. A clip with no labels in a multi-label dataset (SONYC-UST)
 * is a negative: none of the classes is present.
 */
public final class LabelImport {

  /**
   * How imported clips are labelled, and which are imported.
   *
   * @param annotator who the clips' labels are attributed to
   * @param split the split hint of every clip, unless {@code datasetSplit}
   * @param datasetSplit take each clip's split from the dataset's own: its test part is {@code gate}, the rest {@code train}
   * @param part import only this part, 1..{@code parts}
   * @param parts the number of parts the dataset is cut into by a stable hash of the file name (1: all of it)
   */
  public record Options(String annotator, SplitHint split, boolean datasetSplit, int part, int parts) {

    public Options {
      if (parts < 1 || parts > 100 || part < 1 || part > parts) {
        throw new IllegalArgumentException("part " + part + "/" + parts + " is not a part: give K/N with 1 <= K <= N <= 100");
      }
    }

    /** Every clip, with one split hint. */
    public Options(String annotator, SplitHint split) {
      this(annotator, split, false, 1, 1);
    }

    /** Whether {@code clip} is in the part to import: the file name's hash bucket (as {@link HashSplit}) picks its part. */
    boolean selects(ClipRef clip) {
      return HashSplit.bucketOf(clip.fileName()) * parts / 100 == part - 1;
    }

    SplitHint splitOf(ClipCatalog catalog, ClipRef clip) {
      if (!datasetSplit) {
        return split;
      }
      return catalog.defaultSplit().assign(clip) == Split.TEST ? SplitHint.GATE : SplitHint.TRAIN;
    }
  }

  /**
   * A file left out.
   *
   * @param file the file or metadata row
   * @param reason why
   */
  public record Skipped(String file, String reason) {}

  /**
   * What an import did.
   *
   * @param dataset the dataset's name
   * @param files clips the dataset's metadata lists (usable rows) in the part imported
   * @param written clips written to the topic
   * @param skipped what was left out and why, metadata rows included
   */
  public record Result(String dataset, int files, int written, List<Skipped> skipped) {
    public Result {
      skipped = List.copyOf(skipped);
    }
  }

  private LabelImport() {}

  /**
   * Imports the dataset at {@code root} in {@code format}.
   *
   * @param onClip called after each file, written or skipped (for a progress bar)
   * @param onCatalog called once with the number of files before the first is read
   * @throws io.soundtag.trainer.dataset.DatasetLayoutException when {@code root} is not in the layout
   * @throws IllegalStateException when Kafka refuses a record; clips acknowledged before stay written
   */
  public static Result run(DatasetFormat format, Path root, Options options, LabelWriter writer,
      IntConsumer onCatalog, Runnable onClip) {
    ClipCatalog catalog = DatasetReaders.read(format, root, BadRowPolicy.SKIP, ClipValidator.ACCEPT_ALL);
    List<Skipped> skipped = new ArrayList<>();
    for (BadRow row : catalog.skipped()) {
      skipped.add(new Skipped(row.line() > 0 ? row.source() + ":" + row.line() : row.source().toString(), row.reason()));
    }
    List<ClipRef> selected = catalog.clips().stream().filter(options::selects).toList();
    onCatalog.accept(selected.size());
    Map<String, String> fileOfId = new HashMap<>();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (ClipRef ref : selected) {
      String file = root.relativize(ref.path()).toString();
      try {
        MonoAudio audio = WavReader.read(ref.path());
        SplitHint split = options.splitOf(catalog, ref);
        ClipLabels labels = ref.labels().isEmpty()
            ? ClipLabels.negative(options.annotator(), split)
            : ClipLabels.of(ref.labels(), options.annotator(), split);
        LabelledClip clip = LabelledClips.build(audio, labels, ClipOrigin.dataset(catalog.name(), file), now);
        String earlier = fileOfId.putIfAbsent(clip.getClipId(), file);
        if (earlier != null) {
          skipped.add(new Skipped(file, "the same audio as " + earlier));
        } else {
          sent.add(writer.send(clip));
        }
      } catch (IOException | IllegalArgumentException e) {
        skipped.add(new Skipped(file, oneLine(e)));
      }
      onClip.run();
    }
    writer.flush();
    for (Future<RecordMetadata> f : sent) {
      LabelWriter.await(f);
    }
    return new Result(catalog.name(), selected.size(), sent.size(), skipped);
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
