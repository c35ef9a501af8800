package dev.sable.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateLibraryDirTest {
  @TempDir Path dir;
  byte[] library;
  PrivateLibraryDir cache;

  @BeforeEach
  void setUp() {
    library = new byte[100_000];
    new Random(1).nextBytes(library);
    cache = new PrivateLibraryDir(dir.resolve("cache/sable"));
  }

  @Test
  void extractsIntoDirectoriesOnlyTheOwnerCanEnter() throws IOException {
    Path lib = cache.install("lib.so", library);
    assertThat(Files.readAllBytes(lib)).isEqualTo(library);
    for (Path d = lib.getParent(); !d.equals(cache.root().getParent()); d = d.getParent()) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d)))
          .as(d.toString())
          .isEqualTo("rwx------");
    }
  }

  @Test
  void aVerifiedCopyIsReusedAsIs() throws IOException {
    Path lib = cache.install("lib.so", library);
    FileTime old = FileTime.fromMillis(1_000_000);
    Files.setLastModifiedTime(lib, old);
    assertThat(cache.install("lib.so", library)).isEqualTo(lib);
    assertThat(Files.getLastModifiedTime(lib)).isEqualTo(old);
  }

  @Test
  void aTruncatedCopyIsReplacedBeforeUse() throws IOException {
    Path lib = cache.install("lib.so", library);
    try (FileChannel ch = FileChannel.open(lib, StandardOpenOption.WRITE)) {
      ch.truncate(4096);
    }
    assertThat(cache.install("lib.so", library)).isEqualTo(lib);
    assertThat(Files.readAllBytes(lib)).isEqualTo(library);
  }

  @Test
  void anAlteredCopyIsReplacedBeforeUse() throws IOException {
    Path lib = cache.install("lib.so", library);
    byte[] altered = library.clone();
    altered[50_000] ^= 1;
    Files.write(lib, altered);
    assertThat(cache.install("lib.so", library)).isEqualTo(lib);
    assertThat(Files.readAllBytes(lib)).isEqualTo(library);
  }

  @Test
  void aDifferentLibraryGetsItsOwnDirectory() {
    byte[] other = library.clone();
    other[0] ^= 1;
    assertThat(cache.install("lib.so", other)).isNotEqualTo(cache.install("lib.so", library));
  }

  @Test
  void anOpenDirectoryOfOursIsClosedToOthers() throws IOException {
    Files.createDirectories(cache.root());
    Files.setPosixFilePermissions(cache.root(), PosixFilePermissions.fromString("rwxrwxrwx"));
    cache.install("lib.so", library);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.root())))
        .isEqualTo("rwx------");
  }

  @Test
  void aDirectoryOfAnotherUserIsRefused() throws IOException {
    int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    Path foreign;
    if (me == 0) { // root can hand a directory to nobody
      foreign = dir.resolve("foreign");
      Files.createDirectory(foreign);
      Files.setAttribute(foreign, "unix:uid", 65534);
    } else { // anyone else: a directory root owns (the owner check comes before any change)
      foreign = Path.of("/usr");
    }
    int owner = (Integer) Files.getAttribute(foreign, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    assertThatThrownBy(() -> new PrivateLibraryDir(foreign).install("lib.so", library))
        .isInstanceOf(UnsafeDirectoryException.class)
        .hasMessageContaining("belongs to uid " + owner)
        .hasMessageContaining("not to you");
  }

  @Test
  void aSymbolicLinkIsRefused() throws IOException {
    Path real = Files.createDirectory(dir.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    assertThatThrownBy(() -> new PrivateLibraryDir(link).install("lib.so", library))
        .isInstanceOf(UnsafeDirectoryException.class)
        .hasMessageContaining("not a plain directory");
  }
}
