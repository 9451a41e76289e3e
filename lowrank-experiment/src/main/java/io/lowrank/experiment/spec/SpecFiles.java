package io.lowrank.experiment.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.lowrank.experiment.formats.BadInputException;
import io.lowrank.experiment.formats.InputFiles;
import io.lowrank.experiment.formats.TextFiles;
import io.lowrank.experiment.formats.TripletFiles;
import io.lowrank.solver.Method;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes {@link RunSpec}s as YAML or JSON (snake_case keys), and applies
 * {@code --set key.path=value} overrides. Every problem with a spec becomes one line naming the
 * source (file and line, or the {@code --set} that caused it), the key, and what is accepted, e.g.
 * {@code spec.yaml:4: init.alpah: unknown key; accepted: alpha, beta, kind}.
 *
 * <p>Shorthands: a section given as a word names its type ({@code method: precgd} is
 * {@code method: {name: precgd}}; likewise {@code problem: rank-one}, {@code init: spectral},
 * {@code problem.sampling: relu}). A {@code summary.json} written by a run holds its resolved spec
 * under {@code spec}; reading it gives that spec back, so the run can be repeated bit for bit.
 */
public final class SpecFiles {
  /** Where a key was set: the text to show, and for an option its value (null for --set). */
  private record Origin(String text, String value) {}

  /** The type properties of the polymorphic sections, by section key. */
  private static final Map<String, String> TYPE_KEYS = Map.of("problem", "model", "init", "kind", "method", "name",
      "sampling", "kind");

  private static final YAMLMapper YAML = configure(YAMLMapper.builder(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build()));
  private static final JsonMapper JSON = configure(JsonMapper.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION));

  private SpecFiles() {}

  private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> M configure(
      B builder) {
    B b = builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    for (Model m : Model.values()) {
      b.registerSubtypes(new NamedType(m.type(), m.id()));
    }
    for (Method m : Method.values()) {
      b.registerSubtypes(new NamedType(methodType(m), m.id()));
    }
    return b.build();
  }

  /** The spec record of a method. */
  static Class<? extends MethodSpec> methodType(Method m) {
    return switch (m) {
      case GD -> MethodSpec.Gd.class;
      case SCALED_GD -> MethodSpec.ScaledGd.class;
      case SCALED_GD_LAMBDA -> MethodSpec.ScaledGdLambda.class;
      case PREC_GD -> MethodSpec.PrecGd.class;
      case ALS -> MethodSpec.Als.class;
      case NUCLEAR -> MethodSpec.Nuclear.class;
      case DEEP -> MethodSpec.Deep.class;
    };
  }

  /** A spec document: its tree, where it came from, and the line of every key that came from the file. */
  public static final class Source {
    private final ObjectNode tree;
    private final String name;
    private final Map<String, Integer> lines;
    /** Keys set after reading, with where they were set: a "--set k=v" text, or an option name and its value. */
    private final Map<String, Origin> sets = new HashMap<>();
    /** Leaf keys given on the command line (an option or a --set), with how: a second value for one is an error. */
    private final Map<String, String> given = new HashMap<>();

    private Source(ObjectNode tree, String name, Map<String, Integer> lines) {
      this.tree = tree;
      this.name = name;
      this.lines = lines;
    }

    /**
     * An empty document (every default), e.g. for options given on a command line; {@code name}
     * prefixes messages about keys no option set (empty for none).
     */
    public static Source empty(String name) {
      return new Source(JsonNodeFactory.instance.objectNode(), name, Map.of());
    }

    /** An independent copy: tree, lines and what was set (e.g. one per point of a sweep). */
    public Source copy() {
      Source c = new Source(tree.deepCopy(), name, lines);
      c.sets.putAll(sets);
      c.given.putAll(given);
      return c;
    }

    /** The tree (modified by {@link #set}). */
    public ObjectNode tree() {
      return tree;
    }

    /** Where the document came from, e.g. a path or "command line". */
    public String name() {
      return name;
    }

    /**
     * Sets {@code key} (a dotted path or an alias such as {@code n}) to {@code value}, parsed as a
     * YAML value ({@code 1e-6}, {@code relu}, {@code [1, 2]}, {@code {kind: relu, tau: 0}}, or
     * {@code null} for the default). {@code origin} is what the user typed, for messages.
     */
    public Source set(String key, String value, String origin) {
      return set(SpecPaths.canonical(key), yamlValue(value, origin), origin);
    }

    /** Sets a dotted path to a tree value. */
    public Source set(String path, JsonNode value, String origin) {
      String[] parts = path.split("\\.");
      ObjectNode node = tree;
      StringBuilder at = new StringBuilder();
      for (int i = 0; i < parts.length - 1; i++) {
        at.append(i == 0 ? "" : ".").append(parts[i]);
        JsonNode child = node.get(parts[i]);
        if (child != null && child.isTextual() && TYPE_KEYS.containsKey(parts[i])) {
          ObjectNode expanded = JsonNodeFactory.instance.objectNode();
          expanded.put(TYPE_KEYS.get(parts[i]), child.asText());
          node.set(parts[i], expanded);
          child = expanded;
        }
        if (child == null || child.isNull()) {
          child = node.putObject(parts[i]);
        } else if (!child.isObject()) {
          throw new BadInputException(origin + ": " + at + " is " + describe(child) + ", not a section; accepted: "
              + "set " + at + " itself, or make it a section first");
        }
        node = (ObjectNode) child;
      }
      node.set(parts[parts.length - 1], value);
      sets.put(path, new Origin(origin, null));
      return this;
    }

    /**
     * Sets a dotted path from a command-line option: errors about this key then read
     * {@code <option> <value> is invalid; accepted: ...}. A null value leaves the key as it is.
     */
    public Source option(String path, Object value, String option) {
      return option(path, value, option, null);
    }

    /**
     * As {@link #option(String, Object, String)}, with the value as the user typed it (for an option
     * that sets a section, e.g. {@code --p 0.3} setting {@code problem.sampling}).
     */
    public Source option(String path, Object value, String option, String typed) {
      if (value == null) {
        return this;
      }
      JsonNode node = value instanceof JsonNode j ? j : JSON.valueToTree(value);
      String shown = typed != null ? typed
          : value instanceof JsonNode j ? (j.isTextual() ? j.asText() : j.toString()) : SpecException.show(value);
      claim(path, node, option + " " + shown);
      set(path, node, option);
      sets.put(path, new Origin(option, shown));
      return this;
    }

    /**
     * Sets a dotted path to a value a command supplies itself (its own default, not something the
     * user typed): a later option or {@code --set} of the same key replaces it without complaint.
     */
    public Source preset(String path, Object value) {
      if (value != null && !given.containsKey(path)) {
        set(path, value instanceof JsonNode j ? j : JSON.valueToTree(value), "the command's default for " + path);
      }
      return this;
    }

    /** Records the leaf keys of {@code value} at {@code path} as given by {@code how}; refuses a second value for one. */
    private void claim(String path, JsonNode value, String how) {
      for (var e : given.entrySet()) {
        String k = e.getKey();
        if (k.equals(path) || k.startsWith(path + ".") || path.startsWith(k + ".")) {
          throw new BadInputException(how + ": " + k + " is already given by " + e.getValue() + "; accepted: give each "
              + "key once (a --set overrides only the keys of a spec file)");
        }
      }
      leaves(path, value, how);
    }

    private void leaves(String path, JsonNode value, String how) {
      if (value.isTextual() && TYPE_KEYS.containsKey(last(path))) {
        given.put(path + "." + TYPE_KEYS.get(last(path)), how);
      } else if (value.isObject() && value.size() > 0) {
        value.fields().forEachRemaining(f -> leaves(path + "." + f.getKey(), f.getValue(), how));
      } else {
        given.put(path, how);
      }
    }

    /** True when the key was given in the file or set since. */
    public boolean has(String path) {
      if (sets.containsKey(path)) {
        return true;
      }
      JsonNode n = at(path);
      return n != null && !n.isNull() && !n.isMissingNode();
    }

    /** Applies every {@code key=value} of {@code assignments} (each from a {@code --set}). */
    public Source setAll(List<String> assignments) {
      for (String a : assignments) {
        int eq = a.indexOf('=');
        if (eq <= 0) {
          throw new BadInputException("--set " + shorten(a) + " is invalid; accepted: --set key.path=value, e.g. "
              + "--set problem.n=60 or --set alpha=1e-4");
        }
        String origin = "--set " + shorten(a);
        String path = SpecPaths.canonical(a.substring(0, eq));
        set(a.substring(0, eq), a.substring(eq + 1), origin);
        JsonNode value = at(path);
        claim(path, value == null ? JsonNodeFactory.instance.nullNode() : value, origin);
      }
      return this;
    }

    /** The validated spec: defaults filled, combinations checked; one-line errors. */
    public RunSpec bind() {
      normalise(tree);
      try {
        return JSON.treeToValue(tree, RunSpec.class);
      } catch (JsonProcessingException e) {
        throw translate(e);
      } catch (IllegalArgumentException e) {
        if (e.getCause() instanceof JsonProcessingException j) {
          throw translate(j);
        }
        throw e;
      }
    }

    /** "file:line: key: reason", "--set k=v: key: reason", or "--option value is invalid; ...". */
    private BadInputException error(String key, String reason) {
      String origin = null;
      for (String k = key; !k.isEmpty(); k = parent(k)) {
        Origin o = sets.get(k);
        if (o != null && o.value() != null) {
          String shown = o.value();
          if (k.equals(key) && reason.startsWith(shown + " ") || k.equals(key) && reason.startsWith("'" + shown + "' ")) {
            return new BadInputException(o.text() + " " + shown + reason.substring(reason.indexOf(' ')));
          }
          return new BadInputException(o.text() + " " + shown + ": " + reason);
        }
        if (o != null) {
          origin = o.text();
          break;
        }
        Integer line = lines.get(k);
        if (line != null) {
          origin = name + ":" + line;
          break;
        }
      }
      if (origin == null) {
        origin = name;
      }
      String prefix = origin.isEmpty() ? "" : origin + ": ";
      return new BadInputException(prefix + (key.isEmpty() ? "" : key + ": ") + reason);
    }

    private BadInputException translate(JsonProcessingException e) {
      Throwable cause = e.getCause();
      String path = e instanceof JsonMappingException m ? path(m) : "";
      if (e instanceof ValueInstantiationException && cause instanceof SpecException s) {
        String key = s.key().contains(".") && isTopLevel(s.key()) ? s.key() : join(path, s.key());
        return error(key, s.reason());
      }
      if (e instanceof ValueInstantiationException && cause instanceof IllegalArgumentException iae) {
        return error(path, iae.getMessage());
      }
      if (e instanceof UnrecognizedPropertyException u) {
        List<String> known = new ArrayList<>();
        for (Object k : u.getKnownPropertyIds()) {
          known.add(String.valueOf(k));
        }
        String parent = parent(path);
        String typeKey = TYPE_KEYS.get(last(parent));
        if (typeKey != null) {
          known.add(typeKey);
        }
        known.sort(null);
        String what = parent.isEmpty() ? "the spec" : parent;
        String section = last(parent);
        JsonNode typeNode = typeKey == null ? null : at(join(parent, typeKey));
        List<String> owners = typeKey == null ? List.of() : owners(section, last(path));
        if (!owners.isEmpty() && typeNode != null && typeNode.isTextual()) {
          String word = TYPE_WORDS.get(section);
          String either = owners.size() == 1 ? owners.get(0)
              : String.join(", ", owners.subList(0, owners.size() - 1)) + " or " + owners.get(owners.size() - 1);
          return error(path, "only for " + word + " " + either + ", not " + typeNode.asText()
              + "; accepted: set " + join(parent, typeKey) + " to " + either + ", or drop it "
              + "(keys of " + typeNode.asText() + ": " + String.join(", ", known) + ")");
        }
        return error(path, "unknown key in " + what + "; accepted: " + String.join(", ", known));
      }
      if (e instanceof InvalidTypeIdException t) {
        String section = last(path);
        String key = join(path, TYPE_KEYS.getOrDefault(section, "kind"));
        return error(key, "'" + shorten(String.valueOf(t.getTypeId())) + "' is not known; accepted: " + typeIds(section));
      }
      if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
        return error(path, "'" + shorten(String.valueOf(f.getValue())) + "' is invalid; accepted: "
            + Arrays.stream(f.getTargetType().getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
      }
      if (e instanceof MismatchedInputException mi) {
        JsonNode given = at(path);
        String got = given == null ? "nothing" : describe(given);
        return error(path, got + " is invalid; accepted: " + expected(mi.getTargetType()));
      }
      return error(path, firstLine(e.getOriginalMessage()));
    }

    private JsonNode at(String path) {
      JsonNode n = tree;
      for (String p : path.split("\\.")) {
        if (p.isEmpty()) {
          continue;
        }
        n = n == null ? null : n.get(p);
      }
      return n;
    }
  }

  private static boolean isTopLevel(String key) {
    String head = key.substring(0, key.indexOf('.'));
    return List.of("problem", "init", "method", "stop", "record", "width", "seed", "threads", "precision").contains(head);
  }

  /** Reads a YAML or JSON spec file (a summary.json gives the spec it embeds). */
  public static Source read(Path file) throws IOException {
    String what = "a spec file (.yaml, .yml or .json) or a run's summary.json";
    return parse(checkedText(file, what), file.toString());
  }

  /**
   * The text of a spec or sweep file, refused when it holds no document (empty, blank, only
   * comments, or a null document: running every default by accident helps nobody) and, for a .json
   * file, when it is not strict JSON (YAML would take a trailing comma); duplicate keys are refused
   * by the parsers.
   */
  private static String checkedText(Path file, String what) throws IOException {
    String text = text(file, what);
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    boolean empty = body.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#") || l.equals("---")
        || l.equals("...") || l.equals("~") || l.equals("null"));
    if (empty) {
      throw new BadInputException(file + " holds no spec (it is empty, or only comments or null); accepted: " + what
          + ", e.g. problem: {model: goe, n: 40}");
    }
    if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
      try {
        JSON.readTree(body);
      } catch (JsonProcessingException e) {
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        throw new BadInputException(file + (line > 0 ? ":" + line : "") + ": not valid JSON ("
            + firstLine(e.getOriginalMessage()) + "); accepted: " + what);
      }
    }
    return text;
  }

  /** The UTF-8 text of a file of at most 16 MiB; one-line errors naming {@code what} is accepted. */
  private static String text(Path file, String what) throws IOException {
    InputFiles.requireRegular(file, what);
    long size = Files.size(file);
    if (size > 16L << 20) {
      throw new BadInputException(file + " is " + size + " bytes, too large; accepted: " + what + " of at most 16 MiB");
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new BadInputException(file + " is not UTF-8 text; accepted: " + what + " in UTF-8");
    }
  }

  /** Parses spec text (YAML or JSON) from a named source. */
  public static Source parse(String text, String name) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    JsonNode root = tree(text, name, "a spec in YAML or JSON");
    if (!root.isObject()) {
      throw new BadInputException(name + ": the spec is " + describe(root) + "; accepted: a map of sections "
          + "(problem, init, method, stop, record, width, seed, threads, precision)");
    }
    String prefix = "";
    if (root.has("spec") && root.get("spec").isObject() && !root.has("problem")) {
      root = root.get("spec");
      prefix = "spec.";
    }
    Map<String, Integer> lines = new HashMap<>();
    collectLines(text, lines, prefix);
    return new Source((ObjectNode) root.deepCopy(), name, lines);
  }

  /**
   * A YAML or JSON document that embeds specs (e.g. a sweep: a base spec and axes), with the line
   * of every key for messages.
   *
   * @param tree the document (a map)
   * @param name where it came from, e.g. its path
   * @param lines the 1-based line of each dotted key path
   * @param origins keys whose value came from elsewhere (e.g. {@code --set seeds=0}), with that origin
   */
  public record Document(ObjectNode tree, String name, Map<String, Integer> lines, Map<String, String> origins) {
    public Document(ObjectNode tree, String name, Map<String, Integer> lines) {
      this(tree, name, lines, Map.of());
    }

    /** This document with {@code key}'s value attributed to {@code origin} in messages. */
    public Document withOrigin(String key, String origin) {
      Map<String, String> o = new HashMap<>(origins);
      o.put(key, origin);
      return new Document(tree, name, lines, Map.copyOf(o));
    }

    /** "name:line" of a key path (the nearest enclosing key that has a line), or the name; or its origin. */
    public String where(String path) {
      for (String k = path; !k.isEmpty(); k = parent(k)) {
        if (origins.containsKey(k)) {
          return origins.get(k);
        }
        Integer line = lines.get(k);
        if (line != null) {
          return name + ":" + line;
        }
      }
      return name;
    }

    /** The spec held under {@code key} (every default when absent), with its lines. */
    public Source spec(String key) {
      JsonNode node = tree.get(key);
      if (node != null && !node.isNull() && !node.isObject()) {
        throw new BadInputException(where(key) + ": " + key + " is " + describe(node) + "; accepted: a run spec "
            + "(a map of sections: problem, init, method, stop, record, width, seed, threads, precision)");
      }
      Map<String, Integer> sub = new HashMap<>();
      lines.forEach((k, v) -> {
        if (k.startsWith(key + ".")) {
          sub.put(k.substring(key.length() + 1), v);
        }
      });
      ObjectNode t = node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : (ObjectNode) node.deepCopy();
      return new Source(t, name, sub);
    }
  }

  /** Parses a document (a map) of YAML or JSON text. */
  public static Document parseDocument(String text, String name, String what) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    JsonNode root = tree(text, name, what);
    if (!root.isObject()) {
      throw new BadInputException(name + ": the file is " + describe(root) + "; accepted: " + what);
    }
    Map<String, Integer> lines = new HashMap<>();
    collectLines(text, lines, "");
    return new Document((ObjectNode) root, name, lines);
  }

  /** Reads a document (see {@link #parseDocument}) from a UTF-8 file of at most 16 MiB. */
  public static Document readDocument(Path file, String what) throws IOException {
    return parseDocument(checkedText(file, what), file.toString(), what);
  }

  private static JsonNode tree(String text, String name, String what) {
    JsonNode root;
    try (JsonParser p = YAML.getFactory().createParser(text)) {
      root = YAML.readTree(p);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new BadInputException(name + (line > 0 ? ":" + line : "") + ": not valid YAML or JSON ("
          + firstLine(e.getOriginalMessage()) + "); accepted: " + what);
    } catch (IOException e) {
      throw new BadInputException(name + ": cannot be read (" + e.getMessage() + ")");
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = JsonNodeFactory.instance.objectNode();
    }
    requireDecimalNumbers(text, name, true);
    return root;
  }

  /**
   * Refuses numbers outside the strict decimal grammar of {@link TextFiles#isDecimal} that YAML
   * would otherwise read: hex ({@code 0x10}), octal ({@code 0o17}, and {@code 010}, which YAML 1.1
   * reads as 8), underscores ({@code 1_000}), sexagesimal ({@code 1:30}).
   */
  private static void requireDecimalNumbers(String text, String name, boolean withLines) {
    try (JsonParser p = YAML.getFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
          String raw = p.getText();
          String digits = raw.startsWith("-") || raw.startsWith("+") ? raw.substring(1) : raw;
          if (!TextFiles.isDecimal(raw) || digits.length() > 1 && digits.charAt(0) == '0' && Character.isDigit(digits.charAt(1))) {
            String key = pathOf(p);
            throw new BadInputException(name + (withLines ? ":" + p.currentTokenLocation().getLineNr() : "") + ": "
                + (key.isEmpty() ? ""
                : key + ": ") + "'" + TripletFiles.shorten(raw) + "' is not a decimal number; accepted: digits with an "
                + "optional sign, fraction and exponent, e.g. 16, 0.5 or 1e-3 (no hex, octal, leading zeros or underscores)");
          }
        }
      }
    } catch (IOException e) {
      // the tree parse already reported syntax errors
    }
  }

  /** Line numbers of every key, by dotted path (relative to {@code prefix}). */
  private static void collectLines(String text, Map<String, Integer> lines, String prefix) {
    try (JsonParser p = YAML.getFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          String path = pathOf(p);
          if (path.startsWith(prefix)) {
            lines.putIfAbsent(path.substring(prefix.length()), p.currentTokenLocation().getLineNr());
          }
        }
      }
    } catch (IOException e) {
      // the tree parse above already reported syntax errors; lines are a convenience
    }
  }

  private static String pathOf(JsonParser p) {
    List<String> parts = new ArrayList<>();
    for (var c = p.getParsingContext(); c != null; c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        parts.add(0, c.getCurrentName());
      }
    }
    return String.join(".", parts);
  }

  /** What the type key of a polymorphic section is called in messages. */
  private static final Map<String, String> TYPE_WORDS = Map.of("problem", "model", "init", "init kind", "method",
      "method", "sampling", "sampling kind");

  /** The types of a polymorphic section, by id. */
  private static Map<String, Class<?>> types(String section) {
    Map<String, Class<?>> t = new java.util.LinkedHashMap<>();
    switch (section) {
      case "problem" -> Arrays.stream(Model.values()).forEach(m -> t.put(m.id(), m.type()));
      case "method" -> Arrays.stream(Method.values()).forEach(m -> t.put(m.id(), methodType(m)));
      case "init" -> annotated(InitSpec.class, t);
      case "sampling" -> annotated(Sampling.class, t);
      default -> { }
    }
    return t;
  }

  private static void annotated(Class<?> base, Map<String, Class<?>> into) {
    for (var type : base.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value()) {
      into.put(type.name(), type.value());
    }
  }

  /** The ids of the types of {@code section} that have the (snake_case) key. */
  /** True when {@code key} is a top-level key of a run spec ({@code problem}, {@code stop}, {@code seed}, ...). */
  public static boolean isTopKey(String key) {
    var snake = new PropertyNamingStrategies.SnakeCaseStrategy();
    return Arrays.stream(RunSpec.class.getRecordComponents()).anyMatch(c -> snake.translate(c.getName()).equals(key));
  }

  /**
   * True when {@code section.key} (canonical, e.g. {@code problem.m}) is a key of some alternative
   * of the polymorphic section {@code problem}, {@code init} or {@code method}, or its type key.
   */
  public static boolean isSectionKey(String section, String key) {
    return key.equals(TYPE_KEYS.get(section)) || !owners(section, key).isEmpty();
  }

  static List<String> owners(String section, String key) {
    var snake = new PropertyNamingStrategies.SnakeCaseStrategy();
    List<String> owners = new ArrayList<>();
    for (var e : types(section).entrySet()) {
      if (e.getValue().isRecord() && Arrays.stream(e.getValue().getRecordComponents())
          .anyMatch(c -> snake.translate(c.getName()).equals(key))) {
        owners.add(e.getKey());
      }
    }
    return owners;
  }

  /** The type of a polymorphic section that does not name one. */
  private static final Map<String, String> DEFAULT_TYPES = Map.of("problem", Model.GOE.id(), "init",
      InitSpec.SMALL_RANDOM, "method", Method.GD.id(), "sampling", Sampling.UNIFORM);

  /** Expands the word shorthands of the polymorphic sections and names the default types. */
  static void normalise(ObjectNode tree) {
    for (String section : List.of("problem", "init", "method")) {
      typed(tree, section);
    }
    JsonNode problem = tree.get("problem");
    if (problem != null && problem.isObject()) {
      typed((ObjectNode) problem, "sampling");
    }
  }

  private static void typed(ObjectNode parent, String section) {
    JsonNode v = parent.get(section);
    String key = TYPE_KEYS.get(section);
    if (v != null && v.isTextual()) {
      parent.putObject(section).put(key, v.asText());
    } else if (v != null && v.isObject() && !v.has(key)) {
      ObjectNode typed = JsonNodeFactory.instance.objectNode();
      typed.put(key, DEFAULT_TYPES.get(section));
      typed.setAll((ObjectNode) v);
      parent.set(section, typed);
    }
  }

  /**
   * A value written as YAML ({@code 1e-6}, {@code relu}, {@code [1, 2]}, {@code {kind: relu}}; null
   * or blank for null); {@code origin} (what the user typed) prefixes the message of bad text.
   */
  public static JsonNode yamlValue(String value, String origin) {
    JsonNode v;
    try {
      v = value == null ? JsonNodeFactory.instance.nullNode() : YAML.readTree(value.isBlank() ? "null" : value);
    } catch (JsonProcessingException e) {
      throw new BadInputException(origin + ": the value is not valid YAML (" + firstLine(e.getOriginalMessage())
          + "); accepted: a number, a word, a [list] or a {map}");
    }
    if (value != null && !value.isBlank()) {
      requireDecimalNumbers(value, origin, false);
    }
    return v == null || v.isMissingNode() ? JsonNodeFactory.instance.nullNode() : v;
  }

  /** A tree as YAML text (keys in the tree's order). */
  public static String yaml(JsonNode tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML", e);
    }
  }

  /** The resolved spec as YAML (keys in declaration order, defaults included). */
  public static String toYaml(RunSpec spec) {
    try {
      return YAML.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the spec as YAML", e);
    }
  }

  /** The resolved spec as compact JSON. */
  public static String toJson(RunSpec spec) {
    try {
      return JSON.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the spec as JSON", e);
    }
  }

  /** The resolved spec as a JSON tree (for embedding in summary.json). */
  public static JsonNode toTree(RunSpec spec) {
    return JSON.valueToTree(spec);
  }

  /** A spec from a JSON tree written by {@link #toTree} (e.g. read back from a summary). */
  public static RunSpec fromTree(JsonNode tree, String name) {
    if (tree == null || !tree.isObject()) {
      throw new BadInputException(name + ": no spec found; accepted: a map of sections");
    }
    return new Source((ObjectNode) tree.deepCopy(), name, Map.of()).bind();
  }

  /** SHA-256 (hex) of the spec's JSON: equal specs have equal hashes. */
  public static String hash(RunSpec spec) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(toJson(spec).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String typeIds(String section) {
    return switch (section) {
      case "problem" -> Model.ids();
      case "method" -> Method.ids();
      case "init" -> String.join(", ", InitSpec.SMALL_RANDOM, InitSpec.SPECTRAL, InitSpec.RELU_SPECTRAL, InitSpec.GIVEN);
      case "sampling" -> String.join(", ", Sampling.UNIFORM, Sampling.RELU);
      default -> "see docs/math.md";
    };
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "see docs/math.md";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text, e.g. a path";
    }
    if (type.isEnum()) {
      return Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", "));
    }
    if (type.isInterface() || type.isRecord()) {
      return "a section (a map of keys)";
    }
    return type.getSimpleName();
  }

  private static String describe(JsonNode n) {
    if (n.isTextual()) {
      return "'" + shorten(n.asText()) + "'";
    }
    if (n.isObject()) {
      return "a map";
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isNull()) {
      return "null";
    }
    return shorten(n.toString());
  }

  private static String path(JsonMappingException e) {
    List<String> parts = new ArrayList<>();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        parts.add(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        parts.add(Integer.toString(r.getIndex()));
      }
    }
    return String.join(".", parts);
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "." + b;
  }

  private static String parent(String key) {
    int dot = key.lastIndexOf('.');
    return dot < 0 ? "" : key.substring(0, dot);
  }

  private static String last(String key) {
    int dot = key.lastIndexOf('.');
    return dot < 0 ? key : key.substring(dot + 1);
  }

  static String shorten(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > 80 ? one.substring(0, 77) + "..." : one;
  }

  private static String firstLine(String s) {
    return s == null ? "" : shorten(s.lines().findFirst().orElse(""));
  }
}
