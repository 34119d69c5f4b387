package dev.quiver.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BatchStagingTest {
  private static final Schema SCHEMA = new Schema(List.of(Field.nullable("n", new ArrowType.Int(32, true))));

  @Test
  void batchesAreWrittenInOrderOneAtATimeAndFreed() {
    List<Integer> written = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator()) {
      try (BatchStaging staging = new BatchStaging()) {
        for (int i = 0; i < 5; i++) {
          staging.stage(batch(allocator, i), batch -> written.add(((IntVector) batch.getVector(0)).get(0)));
        }
        staging.finish();
        assertEquals(List.of(0, 1, 2, 3, 4), written);
      }
      assertEquals(0, allocator.getAllocatedMemory(), "every batch was closed");
    }
  }

  @Test
  void aFailedWriteIsThrownAtTheNextHandOverAndFreesBothBatches() {
    IllegalStateException failure = new IllegalStateException("disk full");
    try (BufferAllocator allocator = new RootAllocator()) {
      try (BatchStaging staging = new BatchStaging()) {
        staging.stage(batch(allocator, 1), batch -> {
          throw failure;
        });
        assertSame(failure, assertThrows(IllegalStateException.class, () -> staging.stage(batch(allocator, 2), batch -> {})));
        staging.finish(); // nothing left in flight
      }
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void aFailedLastWriteIsThrownByFinish() {
    try (BufferAllocator allocator = new RootAllocator();
        BatchStaging staging = new BatchStaging()) {
      staging.stage(batch(allocator, 1), batch -> {
        throw new IllegalStateException("disk full");
      });
      assertEquals("disk full", assertThrows(IllegalStateException.class, staging::finish).getMessage());
    }
  }

  @Test
  void anInterruptedLoaderStillWaitsForTheWriteAndKeepsItsInterrupt() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (BufferAllocator allocator = new RootAllocator()) {
      try (BatchStaging staging = new BatchStaging()) {
        staging.stage(batch(allocator, 1), batch -> {
          writing.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        Thread loader = Thread.currentThread();
        Thread releaser = new Thread(() -> {
          loader.interrupt(); // always before the write ends: finish sees it whether or not it is waiting yet
          release.countDown();
        });
        releaser.start();
        staging.finish();
        assertEquals(0, release.getCount(), "finish returned only after the write did");
        assertTrue(Thread.interrupted(), "the interrupt is kept for the next cancellation point");
        releaser.join();
      }
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  private static VectorSchemaRoot batch(BufferAllocator allocator, int value) {
    VectorSchemaRoot batch = VectorSchemaRoot.create(SCHEMA, allocator);
    ((IntVector) batch.getVector(0)).setSafe(0, value);
    batch.setRowCount(1);
    return batch;
  }
}
