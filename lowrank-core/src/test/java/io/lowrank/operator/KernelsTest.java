package io.lowrank.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link Kernels} tells a library user matches the kernels the operators actually use. */
class KernelsTest {
  @Test
  void namesTheKernelsTheOperatorsUse() {
    assertThat(Kernels.active()).isEqualTo(RowKernels.best().name());
    assertThat(Kernels.describe()).startsWith("kernels: " + Kernels.active())
        .contains(Runtime.getRuntime().availableProcessors() + " core");
  }

  @Test
  void vectorKernelsWhenTheModuleIsLoaded() {
    // this module's tests run with --add-modules jdk.incubator.vector (pom.xml)
    boolean loaded = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    assertThat(loaded).isTrue();
    assertThat(Kernels.vectorized()).isTrue();
    assertThat(Kernels.describe()).contains("jdk.incubator.vector").doesNotContain("not loaded");
  }
}
