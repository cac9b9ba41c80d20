package io.soundtag.tagger.model;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.core.release.ModelId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model being served, swappable while stream threads use it. A thread {@link #acquire()}s the
 * current model for a batch and releases it afterwards; a model swapped out is closed once the
 * last thread has released it, so no batch ever runs on a closed model. {@link #openModels()}
 * counts the models not yet closed: more than one for long means a hold was never returned (each
 * model holds native memory).
 */
public final class ModelSlot implements AutoCloseable {

  /** A model with a count of the threads using it. */
  public static final class Held {
    private final ServingModel model;
    private final AtomicInteger open;
    private final AtomicInteger users = new AtomicInteger(1);
    private volatile boolean retired;

    Held(ServingModel model, AtomicInteger open) {
      this.model = model;
      this.open = open;
      open.incrementAndGet();
    }

    public ServingModel model() {
      return model;
    }

    boolean retain() {
      int u;
      do {
        u = users.get();
        if (u == 0) {
          return false;
        }
      } while (!users.compareAndSet(u, u + 1));
      return true;
    }

    public void release() {
      if (users.decrementAndGet() == 0) {
        model.close();
        open.decrementAndGet();
      }
    }
  }

  private final AtomicInteger open = new AtomicInteger();
  private final AtomicReference<Held> current;

  public ModelSlot(ServingModel initial) {
    this.current = new AtomicReference<>(new Held(Objects.requireNonNull(initial), open));
  }

  /** Models loaded and not yet closed: the one served, and any swapped out that a thread still holds. */
  public int openModels() {
    return open.get();
  }

  /** The current model, retained; call {@link Held#release()} when done with it. */
  public Held acquire() {
    while (true) {
      Held h = current.get();
      if (h.retain()) {
        return h;
      }
    }
  }

  /** The manifest of the model now served (immutable, safe to read without acquiring). */
  public BundleManifest manifest() {
    return current.get().model().manifest();
  }

  /** The id of the model now served. */
  public ModelId currentId() {
    return current.get().model().id();
  }

  /** Serves {@code next} from now on; the previous model closes when its last user releases it. */
  public void swap(ServingModel next) {
    Held previous = current.getAndSet(new Held(next, open));
    if (!previous.retired) {
      previous.retired = true;
      previous.release();
    }
  }

  @Override
  public void close() {
    Held h = current.get();
    if (!h.retired) {
      h.retired = true;
      h.release();
    }
  }
}
