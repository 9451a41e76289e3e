package io.lowrank.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * An explicit number of threads for data-parallel kernels: {@link #forEach(int, IntConsumer)} runs
 * tasks 0..count-1 on the calling thread and {@code threads - 1} workers owned by this object, and
 * returns when all are done. There is no global pool and no hidden default: whoever wants threads
 * makes a {@code Parallelism}, passes it where it is used, and closes it.
 *
 * <p>Which thread runs which task is not deterministic; kernels that want results independent of
 * the thread count (all of lowrank's) give each task its own output and combine the outputs in
 * task order afterwards. {@code forEach} allocates nothing, so hot loops may call it every
 * iteration. Calls from several threads are serialised.
 */
public final class Parallelism implements AutoCloseable {
  private static final Parallelism SEQUENTIAL = new Parallelism(1);
  private static final int INDEX_BITS = 20;
  private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
  private static final int MAX_TASKS = (1 << INDEX_BITS) - 1;
  /** Busy-wait this long for new work before parking (a GD step is a few ms; a handoff should be fast). */
  private static final long SPIN_NANOS = 200_000;

  private final int threads;
  private final Thread[] workers;
  /** generation (high bits) | count (INDEX_BITS) | next index (INDEX_BITS). */
  private final AtomicLong ticket = new AtomicLong();
  private final AtomicInteger done = new AtomicInteger();
  private volatile IntConsumer body;
  private volatile Throwable failure;
  private volatile boolean closed;

  private Parallelism(int threads) {
    this.threads = threads;
    this.workers = new Thread[threads - 1];
    for (int i = 0; i < workers.length; i++) {
      Thread t = new Thread(this::work, "lowrank-kernel-" + (i + 1));
      t.setDaemon(true);
      workers[i] = t;
    }
    for (Thread t : workers) {
      t.start();
    }
  }

  /** One thread: tasks run inline on the caller. Needs no closing. */
  public static Parallelism sequential() {
    return SEQUENTIAL;
  }

  /** {@code threads} threads (the caller plus threads - 1 workers started now); 1 means sequential. */
  public static Parallelism threads(int threads) {
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("threads must be in 1..1024, got " + threads);
    }
    return threads == 1 ? SEQUENTIAL : new Parallelism(threads);
  }

  /** The number of threads that run tasks (the caller included). */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code body.accept(i)} for i = 0..count-1, each exactly once, and returns when all have
   * finished. The first exception thrown by a task is rethrown (wrapped when checked) after all
   * tasks have finished.
   */
  public void forEach(int count, IntConsumer body) {
    if (count < 0 || count > MAX_TASKS) {
      throw new IllegalArgumentException("task count must be in 0.." + MAX_TASKS + ", got " + count);
    }
    if (workers.length == 0 || count <= 1) {
      for (int i = 0; i < count; i++) {
        body.accept(i);
      }
      return;
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("this Parallelism has been closed");
      }
      this.body = body;
      failure = null;
      done.set(0);
      long generation = (ticket.get() >>> (2 * INDEX_BITS)) + 1;
      ticket.set((generation << (2 * INDEX_BITS)) | ((long) count << INDEX_BITS));
      for (Thread t : workers) {
        LockSupport.unpark(t);
      }
      drain();
      int spins = 0;
      while (done.get() < count) {
        if (++spins < 10_000) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(20_000);
        }
      }
      this.body = null;
      Throwable f = failure;
      if (f != null) {
        failure = null;
        if (f instanceof RuntimeException re) {
          throw re;
        }
        if (f instanceof Error e) {
          throw e;
        }
        throw new IllegalStateException(f);
      }
    }
  }

  /** Claims and runs tasks of the current generation until none is left; true if it ran one. */
  private boolean drain() {
    boolean ran = false;
    while (true) {
      long t = ticket.get();
      int count = (int) ((t >>> INDEX_BITS) & INDEX_MASK);
      int index = (int) (t & INDEX_MASK);
      if (index >= count) {
        return ran;
      }
      IntConsumer b = body;
      if (!ticket.compareAndSet(t, t + 1)) {
        continue;
      }
      ran = true;
      try {
        b.accept(index);
      } catch (Throwable e) {
        if (failure == null) {
          failure = e;
        }
      } finally {
        done.incrementAndGet();
      }
    }
  }

  private void work() {
    long idleSince = System.nanoTime();
    while (!closed) {
      if (drain()) {
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
        Thread.onSpinWait();
      } else {
        LockSupport.park(this);
        idleSince = System.nanoTime();
      }
    }
  }

  /** Stops the workers (idempotent). The sequential instance ignores this. */
  @Override
  public void close() {
    if (workers.length == 0) {
      return;
    }
    closed = true;
    for (Thread t : workers) {
      LockSupport.unpark(t);
    }
  }

  @Override
  public String toString() {
    return "Parallelism[" + threads + " thread" + (threads == 1 ? "" : "s") + "]";
  }
}
