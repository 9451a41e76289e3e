package io.lowrank.experiment.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.lowrank.experiment.formats.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Deterministic JSON: object keys sorted (bean/record properties and map entries), two-space
 * indentation, {@code \n} line ends whatever the platform, numbers printed locale-independently in
 * full precision, and NaN or infinite doubles written as {@code null} (JSON has no NaN). Two equal
 * values therefore give byte-identical text.
 */
public final class Json {
  private static final ObjectMapper MAPPER = build();

  private Json() {}

  /** The configured mapper (thread-safe; do not reconfigure it). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Pretty-printed JSON of {@code value}, ending with a newline. */
  public static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise " + value.getClass().getName() + " to JSON", e);
    }
  }

  /** Writes {@code file} with {@link #toJson}, atomically ({@link AtomicFiles}). */
  public static void write(Path file, Object value) throws IOException {
    AtomicFiles.writeString(file, toJson(value));
  }

  private static ObjectMapper build() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
    SimpleModule finite = new SimpleModule("non-finite-as-null");
    finite.addSerializer(Double.class, new FiniteOrNull());
    finite.addSerializer(double.class, new FiniteOrNull());
    finite.addSerializer(double[].class, new FiniteArray());
    return JsonMapper.builder()
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .defaultPrettyPrinter(printer)
        .addModule(finite)
        .build();
  }

  /** Finite doubles as numbers, NaN and infinities as null. */
  private static final class FiniteOrNull extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    FiniteOrNull() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (Double.isFinite(value)) {
        gen.writeNumber(value.doubleValue());
      } else {
        gen.writeNull();
      }
    }
  }

  /** double[] with NaN and infinities as null. */
  private static final class FiniteArray extends StdSerializer<double[]> {
    private static final long serialVersionUID = 1L;

    FiniteArray() {
      super(double[].class);
    }

    @Override
    public void serialize(double[] values, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeStartArray(values, values.length);
      for (double v : values) {
        if (Double.isFinite(v)) {
          gen.writeNumber(v);
        } else {
          gen.writeNull();
        }
      }
      gen.writeEndArray();
    }
  }
}
