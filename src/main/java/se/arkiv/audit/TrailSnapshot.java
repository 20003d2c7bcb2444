package se.arkiv.audit;

import java.util.List;
import java.util.function.Consumer;

/**
 * The trail as it stood at one moment: the sealed segments' keys and the durable lines of the local
 * ones, taken together, so that a seal moving a local segment into the store cannot make entries
 * vanish or appear twice while the trail is read.
 */
record TrailSnapshot(List<String> sealed, List<String> local) {

  /** Every line in order: sealed segments, then the local ones. */
  void forEachLine(SegmentFiles files, Consumer<String> consumer) {
    for (String key : sealed) {
      files.readSealed(key, consumer);
    }
    local.forEach(consumer);
  }
}
