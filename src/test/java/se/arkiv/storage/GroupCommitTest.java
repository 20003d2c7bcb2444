package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch firstFlushMayEnd = new CountDownLatch(1);
  private final ExecutorService writers = Executors.newFixedThreadPool(11);

  @AfterEach
  void stop() {
    writers.shutdownNow();
  }

  @Test
  void aLoneWriterFlushesAtOnce() throws Exception {
    GroupCommit<Integer> commit = new GroupCommit<>(batches::add);
    commit.commit(1);
    commit.commit(2);
    assertThat(batches).containsExactly(List.of(1), List.of(2));
    assertThat(commit.flushes()).isEqualTo(2);
  }

  @Test
  void oneFlushServesEveryWriterThatArrivedDuringTheFlushBefore() throws Exception {
    GroupCommit<Integer> commit = new GroupCommit<>(this::firstFlushWaits);
    Future<?> first = writers.submit(() -> commitQuietly(commit, 0));
    await().until(() -> batches.size() == 1);
    List<Future<?>> others = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      int item = i;
      others.add(writers.submit(() -> commitQuietly(commit, item)));
    }
    await().until(() -> commit.gathered() == 10);
    // None of the ten may return before its own bytes were flushed.
    assertThat(others).noneMatch(Future::isDone);

    firstFlushMayEnd.countDown();
    first.get(10, TimeUnit.SECONDS);
    for (Future<?> other : others) {
      other.get(10, TimeUnit.SECONDS);
    }
    assertThat(commit.flushes()).isEqualTo(2);
    assertThat(batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void aFailedFlushFailsEveryWriterOfItsBatchAndNoOther() throws Exception {
    GroupCommit<Integer> commit =
        new GroupCommit<>(
            batch -> {
              firstFlushWaits(batch);
              if (batches.size() == 2) {
                throw new IOException("disk gone");
              }
            });
    Future<?> first = writers.submit(() -> commitQuietly(commit, 0));
    await().until(() -> batches.size() == 1);
    List<Future<Object>> others = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      int item = i;
      others.add(
          writers.submit(
              () -> {
                commit.commit(item);
                return null;
              }));
    }
    await().until(() -> commit.gathered() == 10);
    firstFlushMayEnd.countDown();

    first.get(10, TimeUnit.SECONDS);
    for (Future<Object> other : others) {
      assertThatThrownBy(() -> other.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(GroupCommit.FlushFailed.class)
          .hasRootCauseMessage("disk gone");
    }
    // The next writer is not failed by the batch before: a flush is tried again for it.
    commit.commit(11);
    assertThat(batches).hasSize(3);
    assertThat(batches.get(2)).containsExactly(11);
  }

  private void firstFlushWaits(List<Integer> batch) throws IOException {
    batches.add(List.copyOf(batch));
    if (batches.size() == 1) {
      try {
        firstFlushMayEnd.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
    }
  }

  private static Void commitQuietly(GroupCommit<Integer> commit, int item) throws IOException {
    commit.commit(item);
    return null;
  }
}
