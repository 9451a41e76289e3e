package io.lowrank.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lowrank.experiment.formats.BadInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One axis of a sweep: a spec key and the values it takes, in order.
 *
 * <p>Values are given as a list ({@code [1, 2, 3]}, {@code [gd, precgd]}, {@code [{name: precgd}, ...]})
 * or as a range: {@code {from: 1e-8, to: 1e-2, count: 7, scale: log}} (count points, geometric),
 * {@code {from: 0, to: 1, count: 5}} (linear), or {@code {from: 1, to: 6, step: 1}} (linear with a
 * step; integers when from and step are integers). Range values are rounded to 12 significant
 * digits, so {@code 1e-8 .. 1e-2} gives exactly 1.0E-8, 1.0E-7, ..., 0.01. A width axis also takes
 * the words {@code r}, {@code <k>r} and {@code n}, resolved per point.
 *
 * @param name the key as written in the sweep file (e.g. {@code alpha})
 * @param path the spec path it sets (e.g. {@code init.alpha})
 * @param values the values, at least one
 */
public record Axis(String name, String path, List<JsonNode> values) {
  /** Most values one axis may have. */
  public static final int MAX_VALUES = 10_000;

  private static final Set<String> RANGE_KEYS = Set.of("from", "to", "count", "step", "scale");

  public Axis {
    values = List.copyOf(values);
  }

  /** The number of values. */
  public int size() {
    return values.size();
  }

  /** A value as text for tables and file names: numbers in shortest form, words as is, maps as compact JSON. */
  public static String text(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isIntegralNumber()) {
      return Long.toString(v.asLong());
    }
    if (v.isNumber()) {
      return number(v.asDouble());
    }
    if (v.isObject() && v.size() == 1 && v.fields().next().getValue().isValueNode()) {
      return text(v.fields().next().getValue());
    }
    return v.toString();
  }

  /** Every value as {@link #text(JsonNode)}. */
  public List<String> texts() {
    return values.stream().map(Axis::text).toList();
  }

  /** A number in its shortest exact form, with a lower-case exponent and no ".0": 1e-06 is "1e-6", 0.5 is "0.5". */
  static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    String s = Double.toString(d);
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    String mantissa = s.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    return mantissa + "e" + s.substring(e + 1);
  }

  /** True when every value is a number (the axis can be drawn on a numeric scale). */
  public boolean numeric() {
    return values.stream().allMatch(JsonNode::isNumber);
  }

  /**
   * The values of {@code node} for axis {@code name}; {@code where} prefixes messages (file:line).
   *
   * @throws BadInputException one line naming the axis and what is accepted
   */
  static List<JsonNode> values(String name, JsonNode node, String where) {
    String at = where + ": axes." + name;
    if (node == null || node.isNull()) {
      throw new BadInputException(at + " has no values; accepted: a list such as [1, 2, 3] or a range such as "
          + "{from: 1e-8, to: 1e-2, count: 7, scale: log}");
    }
    List<JsonNode> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(out::add);
      if (out.isEmpty()) {
        throw new BadInputException(at + " is an empty list; accepted: at least one value");
      }
    } else if (node.isObject() && node.has("from")) {
      out = range(node, at);
    } else if (node.isValueNode() || node.isObject()) {
      out.add(node);
    }
    if (out.size() > MAX_VALUES) {
      throw new BadInputException(at + " has " + out.size() + " values; accepted: at most " + MAX_VALUES);
    }
    return out;
  }

  private static List<JsonNode> range(JsonNode node, String at) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!RANGE_KEYS.contains(k)) {
        throw new BadInputException(at + "." + k + ": unknown key of a range; accepted: from, to, count, scale "
            + "(linear or log), step");
      }
    }
    double from = number(node, "from", at);
    double to = number(node, "to", at);
    String scale = node.has("scale") ? node.get("scale").asText().toLowerCase(Locale.ROOT) : "linear";
    if (!scale.equals("linear") && !scale.equals("log")) {
      throw new BadInputException(at + ".scale: '" + node.get("scale").asText() + "' is invalid; accepted: linear, log");
    }
    boolean hasCount = node.has("count");
    boolean hasStep = node.has("step");
    if (hasCount == hasStep) {
      throw new BadInputException(at + ": a range needs exactly one of count and step; accepted: {from: a, to: b, "
          + "count: k} or {from: a, to: b, step: s}");
    }
    List<JsonNode> out = new ArrayList<>();
    if (hasStep) {
      double step = number(node, "step", at);
      if (scale.equals("log") || !(step > 0)) {
        throw new BadInputException(at + ".step: " + show(step) + " is invalid; accepted: a step > 0 on a linear range");
      }
      double span = (to - from) / step;
      if (span < -1e-9 || span > MAX_VALUES) {
        throw new BadInputException(at + ": from " + show(from) + " to " + show(to) + " by " + show(step) + " gives "
            + (span < 0 ? "no" : "too many") + " values; accepted: from <= to and at most " + MAX_VALUES + " values");
      }
      boolean integers = node.get("from").isIntegralNumber() && node.get("step").isIntegralNumber();
      int k = (int) Math.floor(span + 1e-9);
      for (int i = 0; i <= k; i++) {
        double v = from + i * step;
        out.add(integers ? JsonNodeFactory.instance.numberNode((long) Math.rint(v))
            : JsonNodeFactory.instance.numberNode(round(v)));
      }
      return out;
    }
    JsonNode c = node.get("count");
    if (!c.isIntegralNumber() || c.asLong() < 1 || c.asLong() > MAX_VALUES) {
      throw new BadInputException(at + ".count: " + c + " is invalid; accepted: an integer 1 <= count <= " + MAX_VALUES);
    }
    int count = c.asInt();
    if (scale.equals("log") && !(from > 0 && to > 0)) {
      throw new BadInputException(at + ": a log range needs from > 0 and to > 0, got from " + show(from) + ", to "
          + show(to) + "; accepted: positive ends, or scale: linear");
    }
    for (int i = 0; i < count; i++) {
      double f = count == 1 ? 0 : (double) i / (count - 1);
      double v = scale.equals("log")
          ? Math.pow(10, Math.log10(from) + f * (Math.log10(to) - Math.log10(from)))
          : from + f * (to - from);
      if (i == count - 1 && count > 1) {
        v = to;
      }
      if (i == 0) {
        v = from;
      }
      out.add(JsonNodeFactory.instance.numberNode(round(v)));
    }
    return out;
  }

  private static double number(JsonNode node, String key, String at) {
    JsonNode v = node.get(key);
    if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new BadInputException(at + "." + key + ": " + (v == null ? "missing" : v.toString()) + " is invalid; "
          + "accepted: a finite number");
    }
    return v.asDouble();
  }

  /** v rounded to 12 significant digits (so that ranges give the numbers a person would write). */
  static double round(double v) {
    if (v == 0 || !Double.isFinite(v)) {
      return v;
    }
    return Double.parseDouble(String.format(Locale.ROOT, "%.11e", v));
  }

  private static String show(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** The width words: r, k r, n; null when {@code token} is not one. */
  static Integer width(String token, int n, int r) {
    String t = token.strip().toLowerCase(Locale.ROOT);
    if (t.equals("n")) {
      return n;
    }
    if (t.equals("r")) {
      return r;
    }
    if (t.endsWith("r")) {
      try {
        return Integer.parseInt(t.substring(0, t.length() - 1).strip()) * r;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
