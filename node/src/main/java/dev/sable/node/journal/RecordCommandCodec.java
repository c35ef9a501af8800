package dev.sable.node.journal;

import dev.sable.sequencer.command.Command;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;

/**
 * Interim: encodes a command by its record components in declaration order (kind byte = index of
 * the record among Command's permitted subclasses; int, long, boolean, enum ordinal, UTF-8 string,
 * nested record). It stands in until the sequencer's canonical codec lands, and then goes away.
 */
public final class RecordCommandCodec implements CommandCodec {
  private static final Class<?>[] KINDS = Command.class.getPermittedSubclasses();

  @Override
  public byte[] encode(Command command) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(kindOf(command.getClass()));
      writeRecord(out, (Record) command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public Command decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      int kind = in.readUnsignedByte();
      if (kind >= KINDS.length) {
        throw new IllegalArgumentException("unknown command kind " + kind);
      }
      Command c = (Command) readRecord(in, KINDS[kind]);
      if (in.available() != 0) {
        throw new IllegalArgumentException("trailing bytes after a command");
      }
      return c;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated command", e);
    }
  }

  private static int kindOf(Class<?> type) {
    for (int i = 0; i < KINDS.length; i++) {
      if (KINDS[i] == type) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a command: " + type);
  }

  private static void writeRecord(DataOutputStream out, Record r) throws IOException {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      Object v;
      try {
        v = c.getAccessor().invoke(r);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(e);
      }
      switch (v) {
        case Integer i -> out.writeInt(i);
        case Long l -> out.writeLong(l);
        case Boolean b -> out.writeBoolean(b);
        case Enum<?> e -> out.writeByte(e.ordinal());
        case String s -> {
          byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
          out.writeShort(utf8.length);
          out.write(utf8);
        }
        case Record nested -> writeRecord(out, nested);
        default -> throw new IllegalArgumentException("cannot encode " + c);
      }
    }
  }

  private static Object readRecord(DataInputStream in, Class<?> type) throws IOException {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      Class<?> t = components[i].getType();
      types[i] = t;
      values[i] = read(in, t);
    }
    try {
      Constructor<?> ctor = type.getDeclaredConstructor(types);
      return ctor.newInstance(values);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("invalid " + type.getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object read(DataInputStream in, Class<?> t) throws IOException {
    if (t == int.class) {
      return in.readInt();
    } else if (t == long.class) {
      return in.readLong();
    } else if (t == boolean.class) {
      return in.readBoolean();
    } else if (t.isEnum()) {
      Object[] constants = t.getEnumConstants();
      int ordinal = in.readUnsignedByte();
      if (ordinal >= constants.length) {
        throw new IllegalArgumentException("unknown " + t.getSimpleName() + " " + ordinal);
      }
      return constants[ordinal];
    } else if (t == String.class) {
      byte[] utf8 = new byte[in.readUnsignedShort()];
      in.readFully(utf8);
      return new String(utf8, StandardCharsets.UTF_8);
    } else if (t.isRecord()) {
      return readRecord(in, t);
    }
    throw new IllegalArgumentException("cannot decode " + t);
  }
}
