package io.lowrank.spark;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same fits on local[1]: with local[2] (DistributedCompletionTest) both equal the local run, so each other. */
class SingleCoreCompletionTest {
  @TempDir
  Path dir;

  @Test
  void factorsAreBitIdenticalToTheLocalRunOnOneCore() throws Exception {
    try (SparkEngine one = SparkEngine.open("local[1]", 1)) {
      for (int[] c : DistributedCompletionTest.CASES) {
        Path f = PlantedRatings.write(dir.resolve("r" + c[2] + ".csv"), c[0], 30, 3, c[1], c[2]);
        DistributedCompletionTest.assertBitIdentical(one, f, c[2]);
      }
    }
  }
}
