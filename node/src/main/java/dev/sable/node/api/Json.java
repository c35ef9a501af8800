package dev.sable.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sable.node.sequencing.AccountEvent;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/** The API's JSON: records and views as Jackson writes them. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static Buffer buffer(Object value) {
    try {
      return Buffer.buffer(MAPPER.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** An account event as JSON, its record name first as "type" (Filled, Rejected, ...). */
  static ObjectNode event(AccountEvent event) {
    ObjectNode node = MAPPER.createObjectNode().put("type", event.getClass().getSimpleName());
    node.setAll((ObjectNode) MAPPER.valueToTree(event));
    return node;
  }

  static ArrayNode events(List<? extends AccountEvent> events) {
    ArrayNode array = MAPPER.createArrayNode();
    events.forEach(e -> array.add(event(e)));
    return array;
  }

  static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
