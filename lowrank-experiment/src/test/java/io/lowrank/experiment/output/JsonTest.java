package io.lowrank.experiment.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  record Inner(double zeta, Double alpha, double[] values) {}

  record Outer(String name, Inner inner, Map<String, Object> extra, int count) {}

  static Outer sample() {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("z", 1);
    extra.put("a", Double.NaN);
    return new Outer("run", new Inner(1.5e-7, Double.POSITIVE_INFINITY, new double[] {1, Double.NaN}), extra, 3);
  }

  @Test
  void keysAreSortedAtEveryLevelAndNonFiniteIsNull() {
    String text = Json.toJson(sample());
    assertThat(text).isEqualTo("{\n"
        + "  \"count\" : 3,\n"
        + "  \"extra\" : {\n"
        + "    \"a\" : null,\n"
        + "    \"z\" : 1\n"
        + "  },\n"
        + "  \"inner\" : {\n"
        + "    \"alpha\" : null,\n"
        + "    \"values\" : [\n"
        + "      1.0,\n"
        + "      null\n"
        + "    ],\n"
        + "    \"zeta\" : 1.5E-7\n"
        + "  },\n"
        + "  \"name\" : \"run\"\n"
        + "}\n");
  }

  @Test
  void outputIsLocaleIndependentAndParses() throws Exception {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.FRANCE);
      String text = Json.toJson(sample());
      assertThat(text).isEqualTo(Json.toJson(sample())).doesNotContain("NaN").doesNotContain("Infinity");
      JsonNode node = Json.mapper().readTree(text);
      assertThat(node.get("inner").get("zeta").asDouble()).isEqualTo(1.5e-7);
    } finally {
      Locale.setDefault(saved);
    }
  }
}
