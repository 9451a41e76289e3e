package io.lowrank.experiment.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ids in sorted order: numeric for integer ids, text otherwise; the same entries renumbered. */
class SortedIdsTest {
  @TempDir
  Path dir;

  @Test
  void integerIdsSortByValueAndOtherIdsByText() {
    assertThat(SortedIds.sort(List.of("10", "2", "-3", "007", "7"))).containsExactly("-3", "2", "007", "7", "10");
    assertThat(SortedIds.sort(List.of("u10", "u2", "U1", "u1"))).containsExactly("U1", "u1", "u10", "u2");
    assertThat(SortedIds.sort(List.of("10", "2", "x"))).containsExactly("10", "2", "x"); // not all integers: text
  }

  @Test
  void renumberingKeepsEveryEntryAndIsIndependentOfTheLineOrder() throws Exception {
    Path a = Files.write(dir.resolve("a.csv"), List.of("user,item,r", "b,y,1", "a,z,2", "c,y,3", "a,x,4.5"));
    Path b = Files.write(dir.resolve("b.csv"), List.of("user,item,r", "a,x,4.5", "c,y,3", "a,z,2", "b,y,1"));
    TripletFiles.Data raw = TripletFiles.read(a, TripletFiles.Duplicates.ERROR);
    TripletFiles.Data sa = SortedIds.of(raw);
    TripletFiles.Data sb = SortedIds.of(TripletFiles.read(b, TripletFiles.Duplicates.ERROR));
    assertThat(raw.rowIds()).containsExactly("b", "a", "c");
    assertThat(sa.rowIds()).containsExactly("a", "b", "c");
    assertThat(sa.colIds()).containsExactly("x", "y", "z");
    assertThat(sa.header()).isEqualTo(raw.header());
    assertThat(sa.records()).isEqualTo(4);
    for (TripletFiles.Data s : List.of(sa, sb)) { // row-major: (a,x) (a,z) (b,y) (c,y)
      assertThat(s.entries().size()).isEqualTo(4);
      double[] expected = {4.5, 2, 1, 3};
      int[][] at = {{0, 0}, {0, 2}, {1, 1}, {2, 1}};
      for (int k = 0; k < 4; k++) {
        assertThat(s.entries().row(k)).isEqualTo(at[k][0]);
        assertThat(s.entries().col(k)).isEqualTo(at[k][1]);
        assertThat(s.entries().value(k)).isEqualTo(expected[k]);
      }
    }
  }
}
