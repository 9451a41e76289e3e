package io.lowrank.bench.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingsSplitTest {
  @TempDir
  Path dir;

  /** A ratings file with a few users and items that have a single rating (cold-start candidates). */
  private Path ratingsFile() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("\"userId\",\"movieId\",\"rating\",\"timestamp\"");
    Planted p = new Planted(60, 40, 2, 0.3, 0.2, 0.3, 11);
    for (int t = 0; t < p.all.size(); t++) {
      lines.add("u" + p.all.user[t] + ",m" + p.all.item[t] + "," + Math.round(p.all.value[t] * 2) / 2.0 + ",123");
    }
    for (int k = 0; k < 5; k++) {
      lines.add("lonely" + k + ",m" + k + ",4,123");
      lines.add("u" + k + ",rare" + k + ",3.5,123");
    }
    Path f = dir.resolve("ratings.csv");
    Files.write(f, lines);
    return f;
  }

  @Test
  void theSplitIsDeterministicPerSeedAndDiffersBetweenSeeds() throws IOException {
    Path in = ratingsFile();
    RatingsSplit.split(in, dir.resolve("a"), RatingsSplit.SEED, 0.1);
    RatingsSplit.split(in, dir.resolve("b"), RatingsSplit.SEED, 0.1);
    RatingsSplit.split(in, dir.resolve("c"), RatingsSplit.SEED + 1, 0.1);
    for (String f : List.of("train.csv", "test.csv", "test_pairs.csv")) {
      assertThat(Files.readAllBytes(dir.resolve("a").resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
    }
    assertThat(Files.readAllLines(dir.resolve("c/test.csv"))).isNotEqualTo(Files.readAllLines(dir.resolve("a/test.csv")));
  }

  @Test
  void trainAndTestAreDisjointCoverTheInputAndEveryTestPairIsPredictable() throws IOException {
    Path in = ratingsFile();
    RatingsSplit.Counts c = RatingsSplit.split(in, dir.resolve("s"), RatingsSplit.SEED, 0.1);
    List<String> input = Files.readAllLines(in).subList(1, c.entries() + 1).stream()
        .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    List<String> train = Files.readAllLines(dir.resolve("s/train.csv"));
    List<String> test = Files.readAllLines(dir.resolve("s/test.csv"));
    List<String> pairs = Files.readAllLines(dir.resolve("s/test_pairs.csv"));
    assertThat(train.get(0)).isEqualTo("userId,movieId,rating");
    assertThat(test.get(0)).isEqualTo("userId,movieId,rating");
    assertThat(pairs.get(0)).isEqualTo("userId,movieId");
    train = train.subList(1, train.size());
    test = test.subList(1, test.size());
    pairs = pairs.subList(1, pairs.size());

    assertThat(train.size() + test.size()).isEqualTo(c.entries());
    Set<String> trainKeys = new HashSet<>();
    for (String l : train) {
      trainKeys.add(pair(l));
    }
    for (String l : test) {
      assertThat(trainKeys).as("a test pair in train: " + l).doesNotContain(pair(l));
    }
    List<String> union = new ArrayList<>(train);
    union.addAll(test);
    assertThat(union).containsExactlyInAnyOrderElementsOf(input);
    assertThat(pairs).containsExactlyElementsOf(test.stream().map(RatingsSplitTest::pair).toList());

    Set<String> trainUsers = new HashSet<>();
    Set<String> trainItems = new HashSet<>();
    for (String l : train) {
      trainUsers.add(l.split(",")[0]);
      trainItems.add(l.split(",")[1]);
    }
    for (String l : test) {
      assertThat(trainUsers).contains(l.split(",")[0]);
      assertThat(trainItems).contains(l.split(",")[1]);
    }
    // the singletons (lonely users, rare items) can only be in train
    assertThat(test).noneMatch(l -> l.startsWith("lonely") || l.contains(",rare"));
    assertThat(c.test()).isEqualTo(test.size());
    assertThat(c.test() + c.moved()).isEqualTo(Math.round(0.1 * c.entries()));
    assertThat(c.test()).isBetween((int) (0.08 * c.entries()), (int) (0.1 * c.entries()) + 1);
  }

  @Test
  void aTestEntryWhoseUserHasNoOtherRatingMovesToTrain() {
    // user 0 has one rating; whatever the seed, it must stay in train
    int[] user = {0, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    int[] item = {0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    for (long seed = 0; seed < 50; seed++) {
      boolean[] test = RatingsSplit.testMask(user, item, 2, 9, 0.5, seed);
      assertThat(test[0]).isFalse();
      int[] itemTrain = new int[9];
      for (int t = 0; t < user.length; t++) {
        if (!test[t]) {
          itemTrain[item[t]]++;
        }
      }
      for (int t = 0; t < user.length; t++) {
        if (test[t]) {
          assertThat(itemTrain[item[t]]).isPositive();
        }
      }
    }
  }

  @Test
  void theMaskIsAFunctionOfTheSeed() {
    Planted p = new Planted(50, 50, 1, 0.1, 0.1, 0.5, 3);
    boolean[] a = RatingsSplit.testMask(p.all, 0.1, 42);
    boolean[] b = RatingsSplit.testMask(p.all, 0.1, 42);
    assertThat(Arrays.equals(a, b)).isTrue();
  }

  private static String pair(String line) {
    String[] f = line.split(",");
    return f[0] + "," + f[1];
  }
}
