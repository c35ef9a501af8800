package dev.sable.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/** The node's log format: readable lines (the default) or one JSON object per line. */
enum LogFormat {
  TEXT,
  JSON;

  /** Switches logging to this format (text is what logback.xml already configures). */
  void apply() {
    if (this == TEXT) {
      return;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    context.reset();
    try {
      configurator.doConfigure(LogFormat.class.getClassLoader().getResource("logback-json.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure JSON logs: " + e.getMessage(), e);
    }
  }
}
