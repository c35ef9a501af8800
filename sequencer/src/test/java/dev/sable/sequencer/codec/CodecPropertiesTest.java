package dev.sable.sequencer.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.event.Event;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Round trips and rejections over random records of every command and event type ({@link
 * RandomRecords} fills every field from its type, edges favoured).
 */
class CodecPropertiesTest {

  /** A record with its codec. */
  record Sample<T>(RecordCodec<T> codec, T value) {
    byte[] bytes() {
      return codec.toBytes(value);
    }

    int size() {
      return codec.encodedSize(value);
    }

    void encodeInto(ByteBuffer out) {
      codec.encode(value, out);
    }

    @Override
    public String toString() {
      return value.toString();
    }
  }

  private static <T> Arbitrary<Sample<?>> of(RecordCodec<T> codec, Class<T> sealed) {
    return Arbitraries.of(sealed.getPermittedSubclasses())
        .flatMap(
            type ->
                Arbitraries.randomValue(
                    random -> new Sample<>(codec, sealed.cast(RandomRecords.of(type, random)))));
  }

  @Provide
  Arbitrary<Sample<?>> samples() {
    return Arbitraries.oneOf(
        of(CommandCodec.INSTANCE, Command.class), of(EventCodec.INSTANCE, Event.class));
  }

  @Property(tries = 3_000)
  void encodingRoundTrips(@ForAll("samples") Sample<?> s) {
    byte[] bytes = s.bytes();
    assertThat(bytes).hasSize(s.size());
    assertThat(s.codec().decode(bytes)).isEqualTo(s.value());
  }

  /** The state hash sizes its buffer by this bound instead of each event's size. */
  @Property(tries = 1_000)
  void noEventIsLongerThanTheLongestSymbolListing(@ForAll("events") Sample<?> s) {
    assertThat(s.size()).isLessThan(EventCodec.MAX_ENCODED_BYTES);
    Event longest = new Event.MarketListed(1, "x".repeat(Wire.MAX_STRING_BYTES));
    assertThat(EventCodec.INSTANCE.encodedSize(longest)).isEqualTo(EventCodec.MAX_ENCODED_BYTES);
  }

  @Provide
  Arbitrary<Sample<?>> events() {
    return of(EventCodec.INSTANCE, Event.class);
  }

  /** Encoded in the middle of a larger buffer, a record takes exactly its size. */
  @Property(tries = 500)
  void encodeAndDecodeUseTheCallersBufferAtItsPosition(
      @ForAll("samples") Sample<?> s, @ForAll @IntRange(max = 20) int offset) {
    ByteBuffer buffer = ByteBuffer.allocate(offset + s.size() + 7);
    buffer.position(offset);
    s.encodeInto(buffer);
    assertThat(buffer.position()).isEqualTo(offset + s.size());

    buffer.position(offset);
    assertThat(s.codec().decode(buffer)).isEqualTo(s.value());
    assertThat(buffer.position()).isEqualTo(offset + s.size());
  }

  @Property(tries = 300)
  void aStreamOfRecordsDecodesInOrder(
      @ForAll @Size(max = 12) List<@From("samples") Sample<?>> all) {
    ByteBuffer buffer = ByteBuffer.allocate(all.stream().mapToInt(Sample::size).sum());
    all.forEach(s -> s.encodeInto(buffer));
    buffer.flip();
    for (Sample<?> s : all) {
      assertThat(s.codec().decode(buffer)).isEqualTo(s.value());
    }
    assertThat(buffer.hasRemaining()).isFalse();
  }

  @Property(tries = 500)
  void everyStrictPrefixIsRefusedAsTruncated(@ForAll("samples") Sample<?> s) {
    byte[] bytes = s.bytes();
    for (int n = 0; n < bytes.length; n++) {
      ByteBuffer prefix = ByteBuffer.wrap(Arrays.copyOf(bytes, n));
      assertThatThrownBy(() -> s.codec().decode(prefix))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("truncated");
      assertThat(prefix.position()).as("position left where it was").isZero();
    }
  }

  @Property(tries = 300)
  void trailingBytesAfterAWholeRecordAreRefused(@ForAll("samples") Sample<?> s) {
    byte[] bytes = Arrays.copyOf(s.bytes(), s.size() + 1);
    assertThatThrownBy(() -> s.codec().decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("trailing");
  }

  /**
   * Garbage (a valid encoding with one byte changed) either fails with a {@link CodecException} and
   * leaves the buffer where it was, or decodes to a record whose encoding is exactly the bytes
   * read: no other exception, and no second encoding of any record.
   */
  @Property(tries = 3_000)
  void aCorruptedEncodingIsRefusedOrCanonical(
      @ForAll("samples") Sample<?> s, @ForAll int where, @ForAll byte value) {
    byte[] bytes = s.bytes();
    bytes[Math.floorMod(where, bytes.length)] = value;
    checkRefusedOrCanonical(s.codec(), bytes);
  }

  @Property(tries = 1_000)
  void randomBytesAreRefusedOrCanonical(@ForAll byte[] bytes) {
    checkRefusedOrCanonical(CommandCodec.INSTANCE, bytes);
    checkRefusedOrCanonical(EventCodec.INSTANCE, bytes);
  }

  private static <T> void checkRefusedOrCanonical(RecordCodec<T> codec, byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    T decoded;
    try {
      decoded = codec.decode(in);
    } catch (CodecException refused) {
      assertThat(in.position()).isZero();
      return;
    }
    assertThat(codec.toBytes(decoded)).isEqualTo(Arrays.copyOf(bytes, in.position()));
  }

  @Property(tries = 300)
  void aBufferTooSmallGetsNothingWritten(@ForAll("samples") Sample<?> s) {
    ByteBuffer small = ByteBuffer.allocate(s.size() - 1);
    assertThatThrownBy(() -> s.encodeInto(small)).isInstanceOf(BufferOverflowException.class);
    assertThat(small.position()).isZero();
    assertThat(small.array()).isEqualTo(new byte[s.size() - 1]);
  }
}
