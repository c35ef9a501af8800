package dev.sable.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks, before any work starts, that a command will be able to write where it was told to: by
 * trying (a permission check alone is not enough for root or read-only file systems).
 */
public final class OutputPaths {
  private OutputPaths() {}

  /** A file the command will write at the end: its directory exists and takes a new file. */
  public static Path writableFile(Path file, String option) {
    Path absolute = file.toAbsolutePath().normalize();
    Path dir = absolute.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UsageException(option + " " + file + ": directory " + dir + " does not exist");
    }
    if (Files.isDirectory(absolute)) {
      throw new UsageException(option + " " + file + " is a directory; give a file name");
    }
    boolean existed = Files.exists(absolute);
    try {
      Files.newOutputStream(absolute, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
      if (!existed) {
        Files.delete(absolute);
      }
    } catch (IOException e) {
      throw new UsageException(
          option + " " + file + " cannot be written (" + reason(e) + "): choose another path");
    }
    return absolute;
  }

  /** A directory the command will write into: created if missing, and it takes a new file. */
  public static Path writableDirectory(Path dir, String option) {
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
      Files.delete(Files.createTempFile(absolute, ".sable-write-check-", ""));
    } catch (IOException e) {
      throw new UsageException(
          option + " " + dir + " cannot be written (" + reason(e) + "): choose another directory");
    }
    return absolute;
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return switch (e) {
      case AccessDeniedException a -> "permission denied";
      case NoSuchFileException n -> "no such file or directory";
      case FileSystemException f -> f.getClass().getSimpleName();
      default -> String.valueOf(e.getMessage());
    };
  }
}
