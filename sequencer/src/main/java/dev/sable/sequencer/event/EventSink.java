package dev.sable.sequencer.event;

/** Receives the events of each command, in order. */
@FunctionalInterface
public interface EventSink {
  EventSink DISCARD = event -> {};

  void accept(Event event);

  /** Reports a command refused for {@code reason}: its only event. */
  default void reject(RejectReason reason) {
    accept(new Event.Rejected(reason));
  }
}
