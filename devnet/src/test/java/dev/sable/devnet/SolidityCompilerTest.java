package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolidityCompilerTest {
  @TempDir Path dir;

  @Test
  void compilesAContract() {
    String code =
        new SolidityCompiler(Toolchain.fromEnvironment())
            .creationBytecode(
                "One.sol",
                "// SPDX-License-Identifier: Apache-2.0\npragma solidity ^0.8.24;\n"
                    + "contract One { function one() external pure returns (uint256) { return 1; } }",
                "One");
    assertThat(code).startsWith("0x6080");
  }

  @Test
  void aSourceErrorIsReportedWithSolcsMessage() {
    assertThatThrownBy(
            () ->
                new SolidityCompiler(Toolchain.fromEnvironment())
                    .creationBytecode("Bad.sol", "contract Bad { nonsense }", "Bad"))
        .isInstanceOf(DevnetException.class)
        .hasMessageContaining("solc rejected Bad.sol")
        .hasMessageContaining("ParserError");
  }

  @Test
  void aFailingCompilerIsReportedWithItsExitCodeAndStderr() throws IOException {
    Path shim = dir.resolve("tools/solc-shim.js");
    Files.createDirectories(shim.getParent());
    Files.writeString(shim, "process.stderr.write('shim broke\\n'); process.exit(4);\n");
    assertThatThrownBy(
            () -> new SolidityCompiler(new Toolchain(dir)).creationBytecode("A.sol", "", "A"))
        .isInstanceOf(DevnetException.class)
        .hasMessageContaining("exit 4")
        .hasMessageContaining("shim broke");
  }
}
