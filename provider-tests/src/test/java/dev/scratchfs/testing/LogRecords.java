package dev.scratchfs.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What scratchfs logs while a test runs: the records of the {@code dev.scratchfs} logger, from
 * {@link #capture()} until {@link #close()}.
 */
public final class LogRecords implements AutoCloseable {
  private final Logger logger = Logger.getLogger("dev.scratchfs");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private LogRecords() {
    logger.addHandler(handler);
  }

  /** Starts capturing. */
  public static LogRecords capture() {
    return new LogRecords();
  }

  /** The records logged so far, oldest first. */
  public List<LogRecord> all() {
    return List.copyOf(records);
  }

  /** Stops capturing. */
  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
