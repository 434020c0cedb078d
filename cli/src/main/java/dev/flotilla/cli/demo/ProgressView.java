package dev.flotilla.cli.demo;

import dev.flotilla.hub.admin.AdminViews.FleetSummary;
import java.io.PrintStream;
import java.time.Duration;

/** The live line: a progress bar and counts, redrawn in place on a terminal. */
final class ProgressView {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean terminal;
  private long lastPlainLine;
  private String last = "";

  ProgressView(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /**
   * @param onLatest clusters running the latest revision (synced), out of {@code total}
   * @param note the rollout's stage, or empty
   */
  void show(String phase, int onLatest, int total, FleetSummary s, Duration elapsed, String note) {
    String line = line(phase, onLatest, total, s, elapsed) + (note.isEmpty() ? "" : " | " + note);
    last = line;
    if (terminal) {
      out.print("\r\033[2K" + line);
      out.flush();
    } else if (System.nanoTime() - lastPlainLine > 2_000_000_000L || onLatest == total) {
      out.println(line);
      lastPlainLine = System.nanoTime();
    }
  }

  /** A line printed above the live one (which is redrawn below it). */
  void note(String text) {
    if (terminal) {
      out.print("\r\033[2K" + text + "\n" + last);
      out.flush();
    } else {
      out.println(text);
    }
  }

  void done() {
    if (terminal) {
      out.println();
    }
  }

  static String line(String phase, int onLatest, int total, FleetSummary s, Duration elapsed) {
    int filled = total == 0 ? WIDTH : (int) Math.round(WIDTH * (double) onLatest / total);
    String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
    return String.format(
        "%-9s [%s] %3d/%d synced | %3d pending | %3d offline | %2d failed | %5.1fs",
        phase,
        bar,
        onLatest,
        total,
        Math.max(0, total - onLatest),
        s.offline(),
        s.failed(),
        elapsed.toMillis() / 1000.0);
  }
}
