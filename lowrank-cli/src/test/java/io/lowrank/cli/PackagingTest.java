package io.lowrank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What a Java user depends on: the README's Maven coordinates are the build's, and the license is shipped and declared. */
class PackagingTest {
  private static final Path ROOT = ReadmeCommandsTest.ROOT;

  private static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1);
  }

  @Test
  void readmeCoordinatesAreTheBuilds() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    String snippet = first(readme, "```xml\\n(<dependency>.*?</dependency>)\\n```");
    assertThat(first(snippet, "<groupId>(.*?)</groupId>")).isEqualTo(first(pom, "<groupId>(.*?)</groupId>"));
    assertThat(first(snippet, "<version>(.*?)</version>")).isEqualTo(first(pom,
        "<artifactId>lowrank-parent</artifactId>\\s*<version>(.*?)</version>"));
    String artifact = first(snippet, "<artifactId>(.*?)</artifactId>");
    assertThat(Files.isRegularFile(ROOT.resolve(artifact).resolve("pom.xml"))).as(artifact + " is a module").isTrue();
  }

  @Test
  void apacheLicenseIsShippedAndDeclared() throws IOException {
    String license = Files.readString(ROOT.resolve("LICENSE"), StandardCharsets.UTF_8);
    assertThat(license.strip()).startsWith("Apache License").contains("Version 2.0, January 2004")
        .contains("END OF TERMS AND CONDITIONS");
    assertThat(Files.readString(ROOT.resolve("pom.xml"))).contains("<name>Apache-2.0</name>");
  }
}
