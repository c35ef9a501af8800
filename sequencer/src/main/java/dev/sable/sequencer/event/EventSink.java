package dev.sable.sequencer.event;

/** Receives the events of each command, in order. */
@FunctionalInterface
public interface EventSink {
  EventSink DISCARD = event -> {};

  void accept(Event event);
}
