package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout the packages declare is the layout they have: every package has a package-info.java
 * that says what it holds and which lowrank packages it may use, every source file keeps to that,
 * the package graph has no cycle, and core and experiment use no command-line, report or cluster
 * library. Read from the sources of every module (the tests run in lowrank-cli).
 */
class ArchitectureTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Pattern USE = Pattern.compile("\\b(io\\.lowrank(?:\\.[a-z][a-z0-9_]*)+)\\.[A-Z]");
  static final Pattern DECLARED = Pattern.compile("\\{@code (io\\.lowrank[a-z0-9_.]*)}");

  /** Package -> the lowrank packages its sources use. */
  static final Map<String, Set<String>> USES = new TreeMap<>();
  /** Package -> the lowrank packages its package-info allows. */
  static final Map<String, Set<String>> ALLOWED = new HashMap<>();
  /** Package -> the module that holds it. */
  static final Map<String, String> MODULE = new HashMap<>();
  /** Module -> every import of its main sources. */
  static final Map<String, Set<String>> IMPORTS = new HashMap<>();

  @BeforeAll
  static void scan() throws IOException {
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("lowrank-")).toList()) {
        scan(module.getFileName().toString(), module.resolve("src/main/java"));
      }
    }
    scan("lowrank-core (testkit)", ROOT.resolve("lowrank-core/src/test/java/io/lowrank/testkit"));
  }

  private static void scan(String module, Path sources) throws IOException {
    if (!Files.isDirectory(sources)) {
      return;
    }
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        Matcher pm = Pattern.compile("(?m)^package ([a-z0-9_.]+);").matcher(text);
        if (!pm.find()) {
          continue;
        }
        String pkg = pm.group(1);
        MODULE.put(pkg, module);
        USES.computeIfAbsent(pkg, k -> new TreeSet<>());
        if (f.getFileName().toString().equals("package-info.java")) {
          Set<String> allowed = new HashSet<>();
          Matcher d = DECLARED.matcher(text.substring(text.indexOf("May import")));
          while (d.find()) {
            allowed.add(d.group(1));
          }
          ALLOWED.put(pkg, allowed);
          continue;
        }
        String body = text.substring(pm.end());
        Matcher u = USE.matcher(body);
        while (u.find()) {
          String used = u.group(1);
          if (!used.equals(pkg)) {
            USES.get(pkg).add(used);
          }
        }
        Matcher imp = Pattern.compile("(?m)^import (?:static )?([a-zA-Z0-9_.]+);").matcher(body);
        while (imp.find()) {
          IMPORTS.computeIfAbsent(module, k -> new TreeSet<>()).add(imp.group(1));
        }
      }
    }
  }

  @Test
  void everyPackageSaysWhatItHoldsAndWhatItMayUse() {
    assertThat(USES.keySet()).hasSizeGreaterThanOrEqualTo(25);
    for (String pkg : USES.keySet()) {
      if (pkg.endsWith("jmh_generated")) {
        continue;
      }
      assertThat(ALLOWED).as("package-info.java of " + pkg).containsKey(pkg);
    }
  }

  @Test
  void everyPackageUsesOnlyWhatItsPackageInfoAllows() {
    List<String> violations = new ArrayList<>();
    for (var e : USES.entrySet()) {
      Set<String> allowed = ALLOWED.get(e.getKey());
      if (allowed == null) {
        continue;
      }
      for (String used : e.getValue()) {
        if (!allowed.contains(used) && USES.containsKey(used)) {
          violations.add(e.getKey() + " uses " + used);
        }
      }
    }
    assertThat(violations).as("undeclared package dependencies (declare them in package-info.java, or remove the use)")
        .isEmpty();
  }

  @Test
  void thePackageGraphHasNoCycle() {
    Map<String, Integer> state = new HashMap<>();
    List<String> cycle = new ArrayList<>();
    for (String p : USES.keySet()) {
      if (cycle.isEmpty()) {
        visit(p, state, new ArrayList<>(), cycle);
      }
    }
    assertThat(cycle).as("a cycle between packages").isEmpty();
  }

  private static void visit(String p, Map<String, Integer> state, List<String> path, List<String> cycle) {
    Integer s = state.get(p);
    if (s != null && s == 2 || !cycle.isEmpty()) {
      return;
    }
    if (s != null && s == 1) {
      cycle.addAll(path.subList(path.indexOf(p), path.size()));
      cycle.add(p);
      return;
    }
    state.put(p, 1);
    path.add(p);
    for (String q : USES.getOrDefault(p, Set.of())) {
      if (USES.containsKey(q)) {
        visit(q, state, path, cycle);
      }
    }
    path.remove(path.size() - 1);
    state.put(p, 2);
  }

  /** Core is pure computation; experiment holds runs and files, never a command line, report or cluster. */
  @Test
  void coreAndExperimentKeepToTheirLibraries() {
    for (String imp : IMPORTS.getOrDefault("lowrank-core", Set.of())) {
      assertThat(imp).as("lowrank-core imports").matches("(java|io\\.lowrank|org\\.ejml|jdk\\.incubator\\.vector)\\..*");
    }
    for (String imp : IMPORTS.getOrDefault("lowrank-experiment", Set.of())) {
      assertThat(imp).as("lowrank-experiment imports").doesNotStartWith("picocli").doesNotStartWith("org.apache.spark")
          .doesNotStartWith("scala").doesNotStartWith("io.lowrank.cli").doesNotStartWith("io.lowrank.report")
          .doesNotStartWith("me.tongfei");
    }
    for (var e : MODULE.entrySet()) {
      if (e.getValue().equals("lowrank-core")) {
        for (String used : USES.get(e.getKey())) {
          assertThat(used).as(e.getKey() + " in lowrank-core").doesNotStartWith("io.lowrank.experiment")
              .doesNotStartWith("io.lowrank.report").doesNotStartWith("io.lowrank.cli");
        }
      }
    }
  }

  static {
    if (!Files.isDirectory(ROOT.resolve("lowrank-core"))) {
      throw new UncheckedIOException(new IOException("run from lowrank-cli: " + ROOT));
    }
  }
}
