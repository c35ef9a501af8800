package dev.sable.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sable.batch.BatchBuilder;
import dev.sable.batch.Capacities;
import dev.sable.l1.PublicDataLayout;
import dev.sable.node.config.NodeConfig;
import dev.sable.node.l1.CircuitLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerDataSecretTest {
  @TempDir Path dataDir;

  private Path file() {
    return dataDir.resolve(OwnerDataSecret.FILE);
  }

  @Test
  void capacitiesWithoutOwnerDataNeedNoSecretAndMakeNoFile() {
    assertNull(OwnerDataSecret.forCapacities(Capacities.SWEEP, dataDir, true));
    assertFalse(Files.exists(file()));
  }

  @Test
  void createdWithTheStateOnlyItsOwnerCanReadItAndKeptAcrossRestarts() throws Exception {
    byte[] first = OwnerDataSecret.forCapacities(Capacities.OWNER, dataDir, true);
    assertEquals(32, first.length);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
    assertArrayEquals(first, OwnerDataSecret.forCapacities(Capacities.OWNER, dataDir, false));
    // the builder of an -owner circuit takes it
    assertEquals(Capacities.OWNER, new BatchBuilder(Capacities.OWNER, first).capacities());
  }

  @Test
  void aSecretLostAfterTheStateWasCreatedIsRefusedNotReplaced() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> OwnerDataSecret.forCapacities(Capacities.OWNER, dataDir, false));
    assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
    assertTrue(e.getMessage().contains(Capacities.OWNER.circuitName()), e.getMessage());
    assertFalse(Files.exists(file()));
  }

  @Test
  void aDamagedSecretIsRefused() throws Exception {
    for (String damaged : new String[] {"not hex\n", "abcd\n"}) {
      Files.writeString(file(), damaged);
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> OwnerDataSecret.forCapacities(Capacities.OWNER, dataDir, false));
      assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }
  }

  @Test
  void theBridgeLayoutHasTheOwnerRowsOfEveryPreset() {
    for (NodeConfig.CircuitSize size : NodeConfig.CircuitSize.values()) {
      Capacities c = size.capacities();
      PublicDataLayout layout = CircuitLayout.of(c);
      assertEquals(
          c.publicDataLength(),
          c.blob() ? layout.blobLength(c.blobs()) : layout.length(),
          size.name());
      assertEquals(c.ownerData() ? c.accounts() : 0, CircuitLayout.of(c).accountRows());
    }
  }
}
