package dev.flotilla.cli.sim;

/**
 * A process's resident memory and consumed CPU time at one moment, as {@code /proc} tells.
 *
 * @param rssKiB {@code VmRSS} from {@code /proc/PID/status}
 * @param cpuTicks user plus system time from {@code /proc/PID/stat}, in clock ticks (1/100 s)
 */
public record ProcessSample(long rssKiB, long cpuTicks) {
  public static final int TICKS_PER_SECOND = 100;

  /** Parses the text of {@code /proc/PID/status} and {@code /proc/PID/stat} (pure). */
  public static ProcessSample parse(String status, String stat) {
    long rss = 0;
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        rss = Long.parseLong(line.substring(6).strip().split("\\s+")[0]);
      }
    }
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).strip().split("\\s+");
    long utime = Long.parseLong(f[11]);
    long stime = Long.parseLong(f[12]);
    return new ProcessSample(rss, utime + stime);
  }

  /** CPU use between {@code earlier} and this sample, in % of one core. */
  public double cpuPercentSince(ProcessSample earlier, double seconds) {
    return seconds <= 0 ? 0 : (cpuTicks - earlier.cpuTicks) * 100.0 / TICKS_PER_SECOND / seconds;
  }
}
