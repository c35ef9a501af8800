package dev.sable.state.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/java.txt is what {@link JavaVectors} makes now; with -Dsable.vectors.write=true
 * the test rewrites it first.
 */
class JavaVectorsTest {

  @Test
  void javaFileIsCurrent() throws IOException {
    String fresh = JavaVectors.render(JavaVectors.generate());
    Path file = VectorFiles.dir().resolve("java.txt");
    if (Boolean.getBoolean("sable.vectors.write")) {
      Files.writeString(file, fresh, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("java.txt is stale: regenerate with -Dsable.vectors.write=true")
        .isEqualTo(fresh);
  }

  @Test
  void generationIsDeterministic() {
    assertThat(JavaVectors.render(JavaVectors.generate()))
        .isEqualTo(JavaVectors.render(JavaVectors.generate()));
  }
}
