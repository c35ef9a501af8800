package dev.sable.node.intake;

import dev.sable.crypto.sealed.OpenedSession;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's side of recently used sealed sessions, by encapsulation, least recently used first
 * out. A session enters only after one of its messages opened, so made-up encapsulations cannot
 * push real sessions out.
 */
final class SessionCache {
  private final Map<ByteBuffer, OpenedSession> sessions;

  SessionCache(int capacity) {
    this.sessions =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<ByteBuffer, OpenedSession> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized OpenedSession get(byte[] enc) {
    return sessions.get(ByteBuffer.wrap(enc));
  }

  synchronized void put(byte[] enc, OpenedSession session) {
    sessions.put(ByteBuffer.wrap(enc.clone()), session);
  }

  synchronized int size() {
    return sessions.size();
  }
}
