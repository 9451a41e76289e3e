package io.lowrank.spark;

import io.lowrank.experiment.run.ProgressListener;
import io.lowrank.experiment.spec.RunSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Tells a {@link ProgressListener} of every run of one distributed sweep as its task succeeds
 * (task i runs the runs of chunk i; a retried or speculative copy is counted once). Spark delivers listener
 * events asynchronously: {@link #drain()} reports, in order, the runs whose events are still in
 * flight when the job has finished.
 */
final class TaskProgress extends SparkListener {
  private static final String JOB_GROUP = "spark.jobGroup.id";
  private static final long DRAIN_MILLIS = 2000;

  private final String job;
  private final List<List<RunSpec>> tasks;
  private final int total;
  private final ProgressListener progress;
  private final Set<Integer> stages = new HashSet<>();
  private final boolean[] seen;
  private int done;

  TaskProgress(String job, List<List<RunSpec>> tasks, ProgressListener progress) {
    this.job = job;
    this.tasks = tasks;
    this.total = tasks.stream().mapToInt(List::size).sum();
    this.progress = progress;
    this.seen = new boolean[tasks.size()];
  }

  @Override
  public synchronized void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    if (submitted.properties() != null && job.equals(submitted.properties().getProperty(JOB_GROUP))) {
      stages.add(submitted.stageInfo().stageId());
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    if (stages.contains(end.stageId()) && end.taskInfo() != null && end.taskInfo().successful()) {
      report(end.taskInfo().index());
    }
  }

  /** After the job: waits briefly for the remaining events, then reports any run still unreported. */
  synchronized void drain() {
    long until = System.currentTimeMillis() + DRAIN_MILLIS;
    try {
      while (done < total && System.currentTimeMillis() < until) {
        wait(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reports every run not yet reported (the job succeeded, so all did). */
  synchronized void finish() {
    for (int i = 0; i < tasks.size(); i++) {
      report(i);
    }
  }

  private void report(int index) {
    if (index >= 0 && index < seen.length && !seen[index]) {
      seen[index] = true;
      for (RunSpec s : tasks.get(index)) {
        done++;
        progress.completed(done, total, s);
      }
      notifyAll();
    }
  }
}
